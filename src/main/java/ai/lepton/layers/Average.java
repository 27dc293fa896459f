package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * The elementwise mean of the inputs, {@code y = (x_1 + ... + x_n) / n}, as Keras's
 * {@code Average} layer; the inputs have one shape (or broadcast). No weights.
 *
 * <pre>{@code
 * SymbolicTensor x = Input.shape(10);
 * SymbolicTensor ensemble = new Average().apply(new Dense(10).apply(x), new Dense(10).apply(x));
 * }</pre>
 */
public final class Average extends Merge {
    /** A layer that averages its inputs. */
    public Average() {
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings (only the base ones)
     * @return a new layer
     */
    public static Average fromConfig(Config config) {
        return new Average();
    }

    @Override
    protected Tensor merge(Tensor a, Tensor b) {
        return a.add(b);
    }

    @Override
    protected Tensor finish(Tensor merged, int count) {
        return merged.div(count);
    }

    @Override
    public Average inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Average name(String layerName) {
        super.name(layerName);
        return this;
    }
}
