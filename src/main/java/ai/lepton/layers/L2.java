package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * Keras's {@code L2} weight penalty, {@code l2 * sum(w^2)}, with Keras's default factor 0.01
 * (weight decay through the loss: its gradient is {@code 2 * l2 * w}).
 *
 * <pre>{@code
 * Dense dense = new Dense(64).kernelRegularizer(new L2(1e-4));
 * Dense same = new Dense(64).kernelRegularizer("l2");   // factor 0.01
 * }</pre>
 */
public final class L2 implements Regularizer {
    /** Keras's default factor. */
    public static final double DEFAULT_L2 = 0.01;

    private final double l2;

    /** A penalty with the factor {@value #DEFAULT_L2}. */
    public L2() {
        this(DEFAULT_L2);
    }

    /**
     * @param l2 the factor, a non-negative number
     * @throws IllegalArgumentException if it is negative, infinite or NaN
     */
    public L2(double l2) {
        this.l2 = Regularizers.requireFactor("L2", "l2", l2);
    }

    /**
     * Rebuilds a regularizer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new regularizer
     */
    public static L2 fromConfig(Config config) {
        return new L2(config.getDouble("l2", DEFAULT_L2));
    }

    /** @return the factor */
    public double l2() {
        return l2;
    }

    @Override
    public Tensor penalty(Tensor value) {
        return value.mul(value).sum().mul(l2);
    }

    @Override
    public Config getConfig() {
        return Config.of("L2").put("l2", l2);
    }
}
