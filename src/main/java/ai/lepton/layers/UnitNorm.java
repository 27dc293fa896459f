package ai.lepton.layers;

import ai.lepton.config.Config;

/**
 * Keras's {@code UnitNorm} constraint: each slice along {@code axis} is scaled to unit L2 norm,
 * {@code w / (1e-7 + n)}; Keras's default axis is 0.
 *
 * <pre>{@code
 * Dense dense = new Dense(64).kernelConstraint(new UnitNorm());
 * }</pre>
 */
public final class UnitNorm extends NormConstraint {
    /**
     * @param axis the axes of each slice (default 0)
     * @throws IllegalArgumentException if the axes repeat
     */
    public UnitNorm(int... axis) {
        super("UnitNorm", axis.length == 0 ? new int[] {0} : axis);
    }

    /**
     * Rebuilds a constraint from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new constraint
     */
    public static UnitNorm fromConfig(Config config) {
        return new UnitNorm(axisOf(config));
    }

    @Override
    double desired(double norm) {
        return 1.0;
    }

    @Override
    public Config getConfig() {
        return putAxis(Config.of("UnitNorm"));
    }
}
