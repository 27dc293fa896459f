package ai.lepton.optimizers.schedules;

import ai.lepton.config.Config;

/**
 * Exponential decay, Keras's {@code ExponentialDecay}:
 * <pre>
 * p = step / decaySteps            (staircase: floor(step / decaySteps))
 * rate = initialLearningRate * decayRate^p
 * </pre>
 *
 * <pre>{@code
 * Optimizer sgd = new SGD(new ExponentialDecay(0.1, 100_000, 0.96).staircase(true));
 * }</pre>
 */
public final class ExponentialDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final long decaySteps;
    private final double decayRate;
    private boolean staircase;

    /**
     * @param initialLearningRate the rate at step 0, not negative
     * @param decaySteps the steps over which the rate is multiplied by {@code decayRate}, positive
     * @param decayRate the factor per {@code decaySteps}, positive
     * @throws IllegalArgumentException if a value is out of range
     */
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate) {
        this.initialLearningRate = checkRate("initialLearningRate", initialLearningRate);
        this.decaySteps = checkSteps("decaySteps", decaySteps);
        this.decayRate = check("decayRate", decayRate, decayRate > 0 && decayRate < Double.POSITIVE_INFINITY,
                "positive and finite");
    }

    /**
     * @param on whether the rate changes only every {@code decaySteps} steps (default false)
     * @return this schedule
     */
    public ExponentialDecay staircase(boolean on) {
        staircase = on;
        return this;
    }

    @Override
    public double at(long step) {
        double p = (double) step / decaySteps;
        if (staircase) {
            p = Math.floor(p);
        }
        return initialLearningRate * Math.pow(decayRate, p);
    }

    @Override
    public Config getConfig() {
        return Config.of("ExponentialDecay")
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
    public static ExponentialDecay fromConfig(Config config) {
        config.markRead("name");
        return new ExponentialDecay(config.getDouble("initial_learning_rate"), config.getLong("decay_steps"),
                config.getDouble("decay_rate")).staircase(config.getBoolean("staircase", false));
    }
}
