package ai.lepton.layers;

import ai.lepton.config.Config;

/**
 * Keras's {@code MinMaxNorm} constraint: each slice along {@code axis} is scaled towards an L2 norm
 * between {@code minValue} and {@code maxValue},
 * {@code w * (rate * clip(n, minValue, maxValue) + (1 - rate) * n) / (1e-7 + n)}; {@code rate} 1
 * enforces the bounds strictly, a smaller rate moves the norms part of the way at each step.
 * Keras's defaults: 0, 1, rate 1, axis 0.
 *
 * <pre>{@code
 * Dense dense = new Dense(64).kernelConstraint(new MinMaxNorm(0.5, 2.0));
 * }</pre>
 */
public final class MinMaxNorm extends NormConstraint {
    private final double minValue;
    private final double maxValue;
    private final double rate;

    /** Norms between 0 and 1, strictly, along axis 0: Keras's defaults. */
    public MinMaxNorm() {
        this(0.0, 1.0);
    }

    /**
     * @param minValue the smallest norm, not negative
     * @param maxValue the largest norm, not below {@code minValue}
     */
    public MinMaxNorm(double minValue, double maxValue) {
        this(minValue, maxValue, 1.0);
    }

    /**
     * @param minValue the smallest norm, not negative
     * @param maxValue the largest norm, not below {@code minValue}
     * @param rate how far to move towards the bounds at each step, in {@code [0, 1]}
     * @param axis the axes of each slice (default 0)
     * @throws IllegalArgumentException if a value is out of range or the axes repeat
     */
    public MinMaxNorm(double minValue, double maxValue, double rate, int... axis) {
        super("MinMaxNorm", axis.length == 0 ? new int[] {0} : axis);
        this.minValue = requireNonNegative("MinMaxNorm", "min_value", minValue);
        this.maxValue = requireNonNegative("MinMaxNorm", "max_value", maxValue);
        if (maxValue < minValue) {
            throw new IllegalArgumentException("MinMaxNorm: max_value must not be below min_value. Received: min_value=" + minValue
                    + ", max_value=" + maxValue);
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("MinMaxNorm: rate must be in [0, 1]. Received: rate=" + rate);
        }
        this.rate = rate;
    }

    /**
     * Rebuilds a constraint from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new constraint
     */
    public static MinMaxNorm fromConfig(Config config) {
        return new MinMaxNorm(config.getDouble("min_value", 0.0), config.getDouble("max_value", 1.0), config.getDouble("rate", 1.0),
                axisOf(config));
    }

    /** @return the smallest norm */
    public double minValue() {
        return minValue;
    }

    /** @return the largest norm */
    public double maxValue() {
        return maxValue;
    }

    /** @return how far the norms move towards the bounds at each step */
    public double rate() {
        return rate;
    }

    @Override
    double desired(double norm) {
        return rate * Math.min(Math.max(norm, minValue), maxValue) + (1 - rate) * norm;
    }

    @Override
    public Config getConfig() {
        return putAxis(Config.of("MinMaxNorm").put("min_value", minValue).put("max_value", maxValue).put("rate", rate));
    }
}
