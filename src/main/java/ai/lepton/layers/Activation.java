package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * Applies an activation function by name, {@code y = activation(x)}, as a layer of its own;
 * the output has the input's shape. See {@link Activations} for the names.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Dense(64).inputShape(784),
 *         new Activation("relu"),
 *         new Dense(10),
 *         new Activation("softmax"));
 * }</pre>
 */
public final class Activation extends Layer {
    private final String activation;
    private final UnaryOperator<Tensor> function;

    /**
     * @param activation an activation name, e.g. {@code "relu"}
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public Activation(String activation) {
        this.function = Activations.get(activation);
        this.activation = activation;
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static Activation fromConfig(Config config) {
        return new Activation(config.getString("activation"));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    /** Masks pass through unchanged, as Keras's {@code supports_masking = True}. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return function.apply(x);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("activation", activation);
    }

    @Override
    public Activation inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Activation name(String layerName) {
        super.name(layerName);
        return this;
    }
}
