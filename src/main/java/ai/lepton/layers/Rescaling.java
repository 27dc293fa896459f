package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * Rescales every value, {@code y = x * scale + offset}, in training and inference alike, as
 * Keras's {@code Rescaling}: part of the model, so a saved model takes raw inputs. The output has
 * the input's shape; masks pass through. No weights.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Rescaling(1.0 / 255).inputShape(28, 28, 1),     // pixels [0, 255] -> [0, 1]
 *         new Flatten(),
 *         new Dense(10, "softmax"));
 * new Rescaling(1.0 / 127.5, -1);                            // [0, 255] -> [-1, 1]
 * }</pre>
 */
public final class Rescaling extends Layer {
    private final double scale;
    private final double offset;

    /**
     * @param scale the factor, finite
     * @throws IllegalArgumentException if not finite
     */
    public Rescaling(double scale) {
        this(scale, 0.0);
    }

    /**
     * @param scale the factor, finite
     * @param offset the value added after scaling, finite
     * @throws IllegalArgumentException if one is not finite
     */
    public Rescaling(double scale, double offset) {
        if (!Double.isFinite(scale) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("Rescaling: scale and offset must be finite numbers. Received: scale=" + scale
                    + ", offset=" + offset);
        }
        this.scale = scale;
        this.offset = offset;
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static Rescaling fromConfig(Config config) {
        return new Rescaling(config.getDouble("scale"), config.getDouble("offset", 0.0));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        Tensor scaled = scale == 1.0 ? x : x.mul(scale);
        return offset == 0.0 ? scaled : scaled.add(offset);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("scale", scale).put("offset", offset);
    }

    @Override
    public Rescaling inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Rescaling name(String layerName) {
        super.name(layerName);
        return this;
    }
}
