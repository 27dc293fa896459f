package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * The elementwise product of the inputs, {@code y = x_1 * x_2 * ...}, as Keras's {@code Multiply} layer; the inputs
 * have one shape (or broadcast). No weights.
 *
 * <pre>{@code
 * SymbolicTensor x = Input.shape(16);
 * SymbolicTensor y = new Multiply().apply(new Dense(16).apply(x), new Dense(16).apply(x));
 * }</pre>
 */
public final class Multiply extends Merge {
    /** A layer that multiplies them. */
    public Multiply() {
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings (only the base ones)
     * @return a new layer
     */
    public static Multiply fromConfig(Config config) {
        return new Multiply();
    }

    @Override
    protected Tensor merge(Tensor a, Tensor b) {
        return a.mul(b);
    }

    @Override
    public Multiply inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Multiply name(String layerName) {
        super.name(layerName);
        return this;
    }
}
