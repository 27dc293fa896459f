package ai.lepton.layers;

import ai.lepton.autograd.LeakyRelu;
import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * The leaky rectified linear unit as a layer, {@code y = x} for {@code x > 0}, else
 * {@code negativeSlope * x}, with Keras 3's default slope 0.3 (the {@code "leaky_relu"} activation
 * function's default is 0.2). The output has the input's shape.
 *
 * <pre>{@code
 * SymbolicTensor in = Input.shape(16);
 * SymbolicTensor out = new LeakyReLU().apply(new Dense(8).apply(in));   // slope 0.3
 * }</pre>
 */
public final class LeakyReLU extends Layer {
    /** Keras 3's default {@code negative_slope} of the layer. */
    public static final double DEFAULT_NEGATIVE_SLOPE = 0.3;

    private final double negativeSlope;

    /** A layer with slope {@value #DEFAULT_NEGATIVE_SLOPE}. */
    public LeakyReLU() {
        this(DEFAULT_NEGATIVE_SLOPE);
    }

    /**
     * @param negativeSlope the slope for {@code x <= 0}, not negative
     * @throws IllegalArgumentException if it is negative or NaN
     */
    public LeakyReLU(double negativeSlope) {
        if (!(negativeSlope >= 0)) {
            throw new IllegalArgumentException("LeakyReLU: negative_slope must be a non-negative number. Received: negative_slope="
                    + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}; Keras 2's name {@code alpha} is read too.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static LeakyReLU fromConfig(Config config) {
        Object alpha = config.get("alpha");
        double fallback = alpha == null ? DEFAULT_NEGATIVE_SLOPE : config.getDouble("alpha");
        return new LeakyReLU(config.getDouble("negative_slope", fallback));
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
        return LeakyRelu.apply(x, negativeSlope);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("negative_slope", negativeSlope);
    }

    @Override
    public LeakyReLU inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public LeakyReLU name(String layerName) {
        super.name(layerName);
        return this;
    }
}
