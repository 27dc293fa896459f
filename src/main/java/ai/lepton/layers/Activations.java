package ai.lepton.layers;

import ai.lepton.autograd.Elu;
import ai.lepton.autograd.Gelu;
import ai.lepton.autograd.GeneralRelu;
import ai.lepton.autograd.HardSigmoid;
import ai.lepton.autograd.HardSilu;
import ai.lepton.autograd.LeakyRelu;
import ai.lepton.autograd.Mish;
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
 * leaky_relu gelu swish silu relu6 hard_sigmoid hard_silu hard_swish mish log_softmax exponential},
 * with Keras 3's formulas and defaults: {@code elu} alpha 1, {@code leaky_relu} negative slope 0.2,
 * exact {@code gelu}, {@code silu} = {@code swish} = {@code x * sigmoid(x)},
 * {@code relu6 = min(max(x, 0), 6)}, {@code hard_sigmoid = relu6(x + 3) / 6},
 * {@code hard_silu} = {@code hard_swish} = {@code x * hard_sigmoid(x)},
 * {@code mish = x * tanh(softplus(x))}, {@code exponential = e^x}. {@code softmax} and
 * {@code log_softmax} work along the last axis; a softmax output remembers its logits for the
 * cross-entropy losses.
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
        BY_NAME.put("silu", Swish::apply);
        BY_NAME.put("relu6", x -> GeneralRelu.apply(x, 0.0, 6.0, 0.0));
        BY_NAME.put("hard_sigmoid", HardSigmoid::apply);
        BY_NAME.put("hard_silu", HardSilu::apply);
        BY_NAME.put("hard_swish", HardSilu::apply);
        BY_NAME.put("mish", Mish::apply);
        BY_NAME.put("log_softmax", x -> x.logSoftmax(-1));
        BY_NAME.put("exponential", Tensor::exp);
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
