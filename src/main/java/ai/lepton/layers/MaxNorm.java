package ai.lepton.layers;

import ai.lepton.config.Config;

/**
 * Keras's {@code MaxNorm} constraint: each slice along {@code axis} whose L2 norm exceeds
 * {@code maxValue} is scaled down to it, {@code w * clip(n, 0, maxValue) / (1e-7 + n)}; Keras's
 * defaults are {@code maxValue} 2 and axis 0 (a Dense kernel's incoming weights per unit; use axes
 * {@code 0, 1, 2} for a Conv2D kernel's filters).
 *
 * <pre>{@code
 * Dense dense = new Dense(64).kernelConstraint(new MaxNorm(3.0));
 * }</pre>
 */
public final class MaxNorm extends NormConstraint {
    private final double maxValue;

    /** Norms at most 2 along axis 0, Keras's defaults. */
    public MaxNorm() {
        this(2.0);
    }

    /**
     * @param maxValue the largest norm, not negative
     * @param axis the axes of each slice (default 0)
     * @throws IllegalArgumentException if {@code maxValue} is negative or the axes repeat
     */
    public MaxNorm(double maxValue, int... axis) {
        super("MaxNorm", axis.length == 0 ? new int[] {0} : axis);
        this.maxValue = requireNonNegative("MaxNorm", "max_value", maxValue);
    }

    /**
     * Rebuilds a constraint from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new constraint
     */
    public static MaxNorm fromConfig(Config config) {
        return new MaxNorm(config.getDouble("max_value", 2.0), axisOf(config));
    }

    /** @return the largest norm */
    public double maxValue() {
        return maxValue;
    }

    @Override
    double desired(double norm) {
        return Math.min(Math.max(norm, 0.0), maxValue);
    }

    @Override
    public Config getConfig() {
        return putAxis(Config.of("MaxNorm").put("max_value", maxValue));
    }
}
