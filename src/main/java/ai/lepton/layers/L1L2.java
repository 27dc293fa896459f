package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * Keras's {@code L1L2} weight penalty, {@code l1 * sum(|w|) + l2 * sum(w^2)}; a factor of 0 leaves
 * its term out. Both factors default to 0, as in Keras 3 (whose string {@code "l1l2"} therefore
 * penalizes nothing: give the factors).
 *
 * <pre>{@code
 * Dense dense = new Dense(64).kernelRegularizer(new L1L2(1e-5, 1e-4));
 * }</pre>
 */
public final class L1L2 implements Regularizer {
    private final double l1;
    private final double l2;

    /** No penalty: both factors 0, as Keras's {@code L1L2()}. */
    public L1L2() {
        this(0.0, 0.0);
    }

    /**
     * @param l1 the factor of {@code sum(|w|)}, a non-negative number
     * @param l2 the factor of {@code sum(w^2)}, a non-negative number
     * @throws IllegalArgumentException if a factor is negative, infinite or NaN
     */
    public L1L2(double l1, double l2) {
        this.l1 = Regularizers.requireFactor("L1L2", "l1", l1);
        this.l2 = Regularizers.requireFactor("L1L2", "l2", l2);
    }

    /**
     * Rebuilds a regularizer from {@link #getConfig()}.
     *
     * @param config the saved settings; a missing factor is 0
     * @return a new regularizer
     */
    public static L1L2 fromConfig(Config config) {
        return new L1L2(config.getDouble("l1", 0.0), config.getDouble("l2", 0.0));
    }

    /** @return the factor of {@code sum(|w|)} */
    public double l1() {
        return l1;
    }

    /** @return the factor of {@code sum(w^2)} */
    public double l2() {
        return l2;
    }

    @Override
    public Tensor penalty(Tensor value) {
        Tensor total = Tensor.scalar(0.0);
        if (l1 != 0.0) {
            total = total.add(value.abs().sum().mul(l1));
        }
        if (l2 != 0.0) {
            total = total.add(value.mul(value).sum().mul(l2));
        }
        return total;
    }

    @Override
    public Config getConfig() {
        return Config.of("L1L2").put("l1", l1).put("l2", l2);
    }
}
