package ai.lepton.layers;

import ai.lepton.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Keras's activation functions by name, as used by {@code Dense(64, "relu")} and the
 * {@link Activation} layer. {@code softmax} works along the last axis.
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
    }

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
