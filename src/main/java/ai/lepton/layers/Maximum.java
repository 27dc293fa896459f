package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * The elementwise maximum of the inputs, as Keras's {@code Maximum} layer; the inputs
 * have one shape (or broadcast). No weights.
 *
 * <pre>{@code
 * SymbolicTensor x = Input.shape(16);
 * SymbolicTensor y = new Maximum().apply(new Dense(16).apply(x), new Dense(16).apply(x));
 * }</pre>
 */
public final class Maximum extends Merge {
    /** A layer that takes the larger. */
    public Maximum() {
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings (only the base ones)
     * @return a new layer
     */
    public static Maximum fromConfig(Config config) {
        return new Maximum();
    }

    @Override
    protected Tensor merge(Tensor a, Tensor b) {
        return ai.lepton.autograd.Maximum.apply(a, b);
    }

    @Override
    public Maximum inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Maximum name(String layerName) {
        super.name(layerName);
        return this;
    }
}
