package ai.lepton.layers;

import ai.lepton.autograd.Elu;
import ai.lepton.autograd.Gelu;
import ai.lepton.autograd.LeakyRelu;
import ai.lepton.autograd.Selu;
import ai.lepton.autograd.Softplus;
import ai.lepton.autograd.Softsign;
import ai.lepton.autograd.Swish;
import ai.lepton.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Keras's activation functions by name, as used by {@code Dense(64, "relu")} and the
 * {@link Activation} layer: {@code linear relu sigmoid tanh softmax elu selu softplus softsign
 * leaky_relu gelu swish}, with Keras 3's defaults ({@code elu} alpha 1, {@code leaky_relu}
 * negative slope 0.2, exact {@code gelu}). {@code softmax} works along the last axis.
 *
 * <pre>{@code
 * Tensor y = Activations.get("relu").apply(x);
 * }</pre>
 */
public final class Activations {
    private static final Map<String, UnaryOperator<Tensor>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("linear", x -> x);
        BY_NAME.put("relu", Tensor::relu);
        BY_NAME.put("sigmoid", Tensor::sigmoid);
        BY_NAME.put("tanh", Tensor::tanh);
        BY_NAME.put("softmax", x -> x.softmax(-1));
        BY_NAME.put("elu", Elu::apply);
        BY_NAME.put("selu", Selu::apply);
        BY_NAME.put("softplus", Softplus::apply);
        BY_NAME.put("softsign", Softsign::apply);
        BY_NAME.put("leaky_relu", LeakyRelu::apply);
        BY_NAME.put("gelu", Gelu::apply);
        BY_NAME.put("swish", Swish::apply);
    }

    /** The names {@link #get} accepts, in Keras's order. */
    public static final List<String> NAMES = List.copyOf(BY_NAME.keySet());

    private Activations() {
    }

    /**
     * @param name an activation's name, e.g. {@code "relu"}
     * @return the activation
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static UnaryOperator<Tensor> get(String name) {
        UnaryOperator<Tensor> f = name == null ? null : BY_NAME.get(name);
        if (f == null) {
            throw new IllegalArgumentException("Unknown activation: '" + name + "'. Expected one of: " + BY_NAME.keySet());
        }
        return f;
    }
}
