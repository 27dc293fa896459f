package ai.lepton.optimizers.schedules;

import ai.lepton.config.Config;

/**
 * Inverse time decay, Keras's {@code InverseTimeDecay}:
 * <pre>
 * p = step / decaySteps            (staircase: floor(step / decaySteps))
 * rate = initialLearningRate / (1 + decayRate * p)
 * </pre>
 *
 * <pre>{@code
 * var schedule = new InverseTimeDecay(0.1, 1.0, 0.5);   // 0.1 / (1 + 0.5 * step)
 * }</pre>
 */
public final class InverseTimeDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private final double decayRate;
    private boolean staircase;

    /**
     * @param initialLearningRate the rate at step 0, not negative
     * @param decaySteps how often the decay applies, positive (Keras allows a fraction here)
     * @param decayRate the decay per {@code decaySteps}, not negative
     * @throws IllegalArgumentException if a value is out of range
     */
    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate) {
        this.initialLearningRate = checkRate("initialLearningRate", initialLearningRate);
        this.decaySteps = check("decaySteps", decaySteps, decaySteps > 0 && decaySteps < Double.POSITIVE_INFINITY,
                "positive and finite");
        this.decayRate = checkRate("decayRate", decayRate);
    }

    /**
     * @param on whether the rate changes only every {@code decaySteps} steps (default false)
     * @return this schedule
     */
    public InverseTimeDecay staircase(boolean on) {
        staircase = on;
        return this;
    }

    @Override
    public double at(long step) {
        double p = step / decaySteps;
        if (staircase) {
            p = Math.floor(p);
        }
        return initialLearningRate / (1.0 + decayRate * p);
    }

    @Override
    public Config getConfig() {
        return Config.of("InverseTimeDecay")
                .put("initial_learning_rate", initialLearningRate)
                .put("decay_steps", decaySteps)
                .put("decay_rate", decayRate)
                .put("staircase", staircase);
    }

    /**
     * Rebuilds a schedule from {@link #getConfig()}'s settings (Keras's {@code name} is accepted and ignored).
     *
     * @param config the settings
     * @return a new schedule
     * @throws ai.lepton.config.ConfigException if a setting is missing or of the wrong type
     * @throws IllegalArgumentException if a value is out of range
     */
    public static InverseTimeDecay fromConfig(Config config) {
        config.markRead("name");
        return new InverseTimeDecay(config.getDouble("initial_learning_rate"), config.getDouble("decay_steps"),
                config.getDouble("decay_rate")).staircase(config.getBoolean("staircase", false));
    }
}
