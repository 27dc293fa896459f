package ai.lepton.optimizers.schedules;

import ai.lepton.config.Config;

/**
 * Polynomial decay from an initial to an end rate, Keras's {@code PolynomialDecay}:
 * <pre>
 * s = min(step, decaySteps)                                   (not cycling)
 * d = decaySteps * ceil(step / decaySteps), or decaySteps at step 0   (cycling)
 * rate = (initialLearningRate - endLearningRate) * (1 - s / d)^power + endLearningRate
 * </pre>
 * Without {@code cycle}, {@code d = decaySteps} and the rate stays at the end rate after
 * {@code decaySteps}; with it, the decay restarts from a longer period each time.
 *
 * <pre>{@code
 * var schedule = new PolynomialDecay(0.1, 10_000).endLearningRate(0.01).power(0.5);
 * }</pre>
 */
public final class PolynomialDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final long decaySteps;
    private double endLearningRate = 0.0001;
    private double power = 1.0;
    private boolean cycle;

    /**
     * @param initialLearningRate the rate at step 0, not negative
     * @param decaySteps the steps to reach the end rate in, positive
     * @throws IllegalArgumentException if a value is out of range
     */
    public PolynomialDecay(double initialLearningRate, long decaySteps) {
        this.initialLearningRate = checkRate("initialLearningRate", initialLearningRate);
        this.decaySteps = checkSteps("decaySteps", decaySteps);
    }

    /**
     * @param value the rate reached after {@code decaySteps}, not negative (default 0.0001)
     * @return this schedule
     */
    public PolynomialDecay endLearningRate(double value) {
        endLearningRate = checkRate("endLearningRate", value);
        return this;
    }

    /**
     * @param value the polynomial's power, positive (default 1, linear)
     * @return this schedule
     */
    public PolynomialDecay power(double value) {
        power = check("power", value, value > 0 && value < Double.POSITIVE_INFINITY, "positive and finite");
        return this;
    }

    /**
     * @param on whether to restart the decay after {@code decaySteps} (default false)
     * @return this schedule
     */
    public PolynomialDecay cycle(boolean on) {
        cycle = on;
        return this;
    }

    @Override
    public double at(long step) {
        double s = step;
        double d = decaySteps;
        if (cycle) {
            d = d * (step == 0 ? 1.0 : Math.ceil(s / decaySteps));
        } else {
            s = Math.min(s, d);
        }
        return (initialLearningRate - endLearningRate) * Math.pow(1 - s / d, power) + endLearningRate;
    }

    @Override
    public Config getConfig() {
        return Config.of("PolynomialDecay")
                .put("initial_learning_rate", initialLearningRate)
                .put("decay_steps", decaySteps)
                .put("end_learning_rate", endLearningRate)
                .put("power", power)
                .put("cycle", cycle);
    }

    /**
     * Rebuilds a schedule from {@link #getConfig()}'s settings (Keras's {@code name} is accepted and ignored).
     *
     * @param config the settings
     * @return a new schedule
     * @throws ai.lepton.config.ConfigException if a setting is missing or of the wrong type
     * @throws IllegalArgumentException if a value is out of range
     */
    public static PolynomialDecay fromConfig(Config config) {
        config.markRead("name");
        return new PolynomialDecay(config.getDouble("initial_learning_rate"), config.getLong("decay_steps"))
                .endLearningRate(config.getDouble("end_learning_rate", 0.0001))
                .power(config.getDouble("power", 1.0))
                .cycle(config.getBoolean("cycle", false));
    }
}
