package ai.lepton.layers;

import ai.lepton.autograd.GeneralRelu;
import ai.lepton.autograd.LeakyRelu;
import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * The rectified linear unit as a layer, with Keras's options: {@code y = min(x, maxValue)} for
 * {@code x > threshold}, else {@code negativeSlope * (x - threshold)}. The defaults (no maximum,
 * slope 0, threshold 0) give {@code max(x, 0)}. The output has the input's shape.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Conv2D(32, 3).inputShape(28, 28, 1),
 *         new ReLU(6.0),                          // relu6
 *         new Flatten(),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class ReLU extends Layer {
    private Double maxValue;
    private double negativeSlope;
    private double threshold;

    /** {@code max(x, 0)}. */
    public ReLU() {
    }

    /**
     * @param maxValue the largest output, not negative
     * @throws IllegalArgumentException if {@code maxValue} is negative or NaN
     */
    public ReLU(double maxValue) {
        maxValue(maxValue);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static ReLU fromConfig(Config config) {
        ReLU layer = new ReLU().negativeSlope(config.getDouble("negative_slope", 0.0)).threshold(config.getDouble("threshold", 0.0));
        return config.get("max_value") == null ? layer : layer.maxValue(config.getDouble("max_value"));
    }

    /**
     * @param value the largest output (Keras's {@code max_value}, default none), not negative
     * @return this layer
     * @throws IllegalArgumentException if it is negative or NaN
     */
    public ReLU maxValue(double value) {
        maxValue = requireNonNegative("max_value", value);
        return this;
    }

    /**
     * @param slope the slope at or below the threshold (default 0), not negative
     * @return this layer
     * @throws IllegalArgumentException if it is negative or NaN
     */
    public ReLU negativeSlope(double slope) {
        negativeSlope = requireNonNegative("negative_slope", slope);
        return this;
    }

    /**
     * @param value where the rectifier bends (default 0), not negative
     * @return this layer
     * @throws IllegalArgumentException if it is negative or NaN
     */
    public ReLU threshold(double value) {
        threshold = requireNonNegative("threshold", value);
        return this;
    }

    private static double requireNonNegative(String setting, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException("ReLU: " + setting + " must be a non-negative number. Received: " + setting + "=" + value);
        }
        return value;
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
        if (maxValue == null && threshold == 0.0) {
            return negativeSlope == 0.0 ? x.relu() : LeakyRelu.apply(x, negativeSlope);
        }
        return GeneralRelu.apply(x, negativeSlope, maxValue == null ? Double.POSITIVE_INFINITY : maxValue, threshold);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("max_value", maxValue).put("negative_slope", negativeSlope).put("threshold", threshold);
    }

    @Override
    public ReLU inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public ReLU name(String layerName) {
        super.name(layerName);
        return this;
    }
}
