package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * The difference of exactly two inputs, {@code y = x_1 - x_2}, as Keras's {@code Subtract}
 * layer; the inputs have one shape (or broadcast). No weights.
 *
 * <pre>{@code
 * SymbolicTensor a = Input.shape(16);
 * SymbolicTensor b = Input.shape(16);
 * SymbolicTensor difference = new Subtract().apply(a, b);
 * }</pre>
 */
public final class Subtract extends Merge {
    /** A layer that subtracts its second input from its first. */
    public Subtract() {
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings (only the base ones)
     * @return a new layer
     */
    public static Subtract fromConfig(Config config) {
        return new Subtract();
    }

    @Override
    protected int maxInputs() {
        return 2;
    }

    @Override
    protected Tensor merge(Tensor a, Tensor b) {
        return a.sub(b);
    }

    @Override
    public Subtract inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Subtract name(String layerName) {
        super.name(layerName);
        return this;
    }
}
