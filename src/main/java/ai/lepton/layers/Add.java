package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * The sum of the inputs, {@code y = x_1 + x_2 + ...}, as Keras's {@code Add} layer; the inputs
 * have one shape (or broadcast). No weights.
 *
 * <pre>{@code
 * SymbolicTensor x = Input.shape(16);
 * SymbolicTensor y = new Add().apply(new Dense(16).apply(x), new Dense(16).apply(x));
 * }</pre>
 */
public final class Add extends Merge {
    /** A layer that adds them. */
    public Add() {
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings (only the base ones)
     * @return a new layer
     */
    public static Add fromConfig(Config config) {
        return new Add();
    }

    @Override
    protected Tensor merge(Tensor a, Tensor b) {
        return a.add(b);
    }

    @Override
    public Add inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Add name(String layerName) {
        super.name(layerName);
        return this;
    }
}
