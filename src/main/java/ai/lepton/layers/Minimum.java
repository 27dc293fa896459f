package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * The elementwise minimum of the inputs, as Keras's {@code Minimum} layer; the inputs
 * have one shape (or broadcast). No weights.
 *
 * <pre>{@code
 * SymbolicTensor x = Input.shape(16);
 * SymbolicTensor y = new Minimum().apply(new Dense(16).apply(x), new Dense(16).apply(x));
 * }</pre>
 */
public final class Minimum extends Merge {
    /** A layer that takes the smaller. */
    public Minimum() {
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings (only the base ones)
     * @return a new layer
     */
    public static Minimum fromConfig(Config config) {
        return new Minimum();
    }

    @Override
    protected Tensor merge(Tensor a, Tensor b) {
        return ai.lepton.autograd.Minimum.apply(a, b);
    }

    @Override
    public Minimum inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Minimum name(String layerName) {
        super.name(layerName);
        return this;
    }
}
