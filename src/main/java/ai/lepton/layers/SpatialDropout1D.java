package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * Dropout of whole feature channels of a sequence, as Keras's {@code SpatialDropout1D}: while
 * training, each example's channels are each dropped with probability {@code rate} at every step
 * at once, and the kept ones scaled by {@code 1 / (1 - rate)}; inference is the identity. Adjacent
 * steps are strongly correlated, so dropping single elements would barely regularize. Input and
 * output {@code (batch, steps, channels)}. Seeded and counted as {@link NoiseLayer} describes.
 *
 * <pre>{@code
 * SymbolicTensor sequence = Input.shape(50, 16);
 * SymbolicTensor dropped = new SpatialDropout1D(0.2).apply(sequence);
 * }</pre>
 */
public final class SpatialDropout1D extends NoiseLayer {
    private final double rate;

    /**
     * @param rate the fraction of channels to drop, in {@code [0, 1)}
     * @throws IllegalArgumentException if it is outside {@code [0, 1)}
     */
    public SpatialDropout1D(double rate) {
        this.rate = requireRate("SpatialDropout1D", rate);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}; Keras's {@code seed} is read and ignored
     * (Lepton's masks come from the model's seed).
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static SpatialDropout1D fromConfig(Config config) {
        config.markRead("seed");
        return new SpatialDropout1D(config.getDouble("rate"));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        SpatialMasks.requireRank(this, inputShape, 2, "(batch, steps, channels)");
        return inputShape.clone();
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        if (!training || rate == 0) {
            return x;
        }
        return SpatialMasks.drop(x, rate, nextGenerator(), 2);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("rate", rate);
    }

    @Override
    public SpatialDropout1D inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public SpatialDropout1D name(String layerName) {
        super.name(layerName);
        return this;
    }
}
