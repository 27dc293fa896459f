package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * Keras's {@code L1} weight penalty, {@code l1 * sum(|w|)}, with Keras's default factor 0.01.
 *
 * <pre>{@code
 * Dense dense = new Dense(64).kernelRegularizer(new L1(1e-4));
 * Dense same = new Dense(64).kernelRegularizer("l1");   // factor 0.01
 * }</pre>
 */
public final class L1 implements Regularizer {
    /** Keras's default factor. */
    public static final double DEFAULT_L1 = 0.01;

    private final double l1;

    /** A penalty with the factor {@value #DEFAULT_L1}. */
    public L1() {
        this(DEFAULT_L1);
    }

    /**
     * @param l1 the factor, a non-negative number
     * @throws IllegalArgumentException if it is negative, infinite or NaN
     */
    public L1(double l1) {
        this.l1 = Regularizers.requireFactor("L1", "l1", l1);
    }

    /**
     * Rebuilds a regularizer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new regularizer
     */
    public static L1 fromConfig(Config config) {
        return new L1(config.getDouble("l1", DEFAULT_L1));
    }

    /** @return the factor */
    public double l1() {
        return l1;
    }

    @Override
    public Tensor penalty(Tensor value) {
        return value.abs().sum().mul(l1);
    }

    @Override
    public Config getConfig() {
        return Config.of("L1").put("l1", l1);
    }
}
