package ai.lepton.layers;

import ai.lepton.config.Config;

/**
 * Keras's {@code NonNeg} constraint: negative weights are set to 0, {@code w = max(w, 0)}.
 *
 * <pre>{@code
 * Dense dense = new Dense(8).kernelConstraint(new NonNeg());
 * }</pre>
 */
public final class NonNeg implements Constraint {
    /** The constraint; it has no settings. */
    public NonNeg() {
    }

    /**
     * Rebuilds a constraint from {@link #getConfig()}.
     *
     * @param config the saved settings (none)
     * @return a new constraint
     */
    public static NonNeg fromConfig(Config config) {
        return new NonNeg();
    }

    @Override
    public void applyInPlace(double[] values, int[] shape) {
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.max(values[i], 0.0);
        }
    }

    @Override
    public Config getConfig() {
        return Config.of("NonNeg");
    }
}
