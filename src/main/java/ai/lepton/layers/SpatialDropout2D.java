package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * Dropout of whole feature maps, as Keras's {@code SpatialDropout2D}: while training, each
 * example's channels are each dropped with probability {@code rate} at every pixel at once, and the
 * kept ones scaled by {@code 1 / (1 - rate)}; inference is the identity. Adjacent pixels are
 * strongly correlated, so dropping single elements would barely regularize. Input and output
 * {@code (batch, height, width, channels)}, or {@code (batch, channels, height, width)} with
 * {@code dataFormat("channels_first")}. Seeded and counted as {@link NoiseLayer} describes.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Conv2D(16, 3, "relu").inputShape(28, 28, 1),
 *         new SpatialDropout2D(0.2),
 *         new Flatten(),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class SpatialDropout2D extends NoiseLayer {
    private final double rate;
    private String dataFormat = "channels_last";

    /**
     * @param rate the fraction of channels to drop, in {@code [0, 1)}
     * @throws IllegalArgumentException if it is outside {@code [0, 1)}
     */
    public SpatialDropout2D(double rate) {
        this.rate = requireRate("SpatialDropout2D", rate);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}; Keras's {@code seed} is read and ignored
     * (Lepton's masks come from the model's seed).
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static SpatialDropout2D fromConfig(Config config) {
        config.markRead("seed");
        return new SpatialDropout2D(config.getDouble("rate")).dataFormat(config.getString("data_format", "channels_last"));
    }

    /**
     * @param format {@code "channels_last"} (the default) or {@code "channels_first"}
     * @return this layer
     * @throws IllegalArgumentException for any other value
     */
    public SpatialDropout2D dataFormat(String format) {
        if (!"channels_last".equals(format) && !"channels_first".equals(format)) {
            throw new IllegalArgumentException("SpatialDropout2D: data_format must be 'channels_last' or 'channels_first'. Received: "
                    + "data_format=" + format);
        }
        dataFormat = format;
        return this;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        SpatialMasks.requireRank(this, inputShape, 3,
                "channels_last".equals(dataFormat) ? "(batch, height, width, channels)" : "(batch, channels, height, width)");
        return inputShape.clone();
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        if (!training || rate == 0) {
            return x;
        }
        return SpatialMasks.drop(x, rate, nextGenerator(), "channels_last".equals(dataFormat) ? 3 : 1);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("rate", rate).put("data_format", dataFormat);
    }

    @Override
    public SpatialDropout2D inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public SpatialDropout2D name(String layerName) {
        super.name(layerName);
        return this;
    }
}
