package ai.lepton.optimizers.schedules;

import ai.lepton.config.Config;

/**
 * Cosine decay with an optional linear warm-up, Keras's {@code CosineDecay} (SGDR without
 * restarts, Loshchilov and Hutter 2016; warm-up as Goyal et al. 2017). Without a warm-up target:
 * <pre>
 * s = min(step, decaySteps)
 * rate = initialLearningRate * ((1 - alpha) * 0.5 * (1 + cos(pi * s / decaySteps)) + alpha)
 * </pre>
 * With {@code warmupTarget}, the rate first rises linearly from {@code initialLearningRate} to
 * {@code warmupTarget} over {@code warmupSteps} steps, then decays as above from
 * {@code warmupTarget}, counting steps from the end of the warm-up.
 *
 * <pre>{@code
 * // from 0 up to 1e-3 in 500 steps, then down to 0 over 10000 steps
 * var schedule = new CosineDecay(0.0, 10_000).warmupTarget(1e-3).warmupSteps(500);
 * Optimizer adamw = new AdamW(schedule);
 * }</pre>
 */
public final class CosineDecay extends LearningRateSchedule {
    private final double initialLearningRate;
    private final long decaySteps;
    private double alpha;
    private Double warmupTarget;
    private long warmupSteps;

    /**
     * @param initialLearningRate the rate at step 0, not negative (0 is usual before a warm-up)
     * @param decaySteps the steps to decay over, positive
     * @throws IllegalArgumentException if a value is out of range
     */
    public CosineDecay(double initialLearningRate, long decaySteps) {
        this.initialLearningRate = checkRate("initialLearningRate", initialLearningRate);
        this.decaySteps = checkSteps("decaySteps", decaySteps);
    }

    /**
     * @param value the final rate as a fraction of the rate the decay starts from, in {@code [0, 1]} (default 0)
     * @return this schedule
     */
    public CosineDecay alpha(double value) {
        alpha = check("alpha", value, value >= 0 && value <= 1, "in [0, 1]");
        return this;
    }

    /**
     * @param value the rate the warm-up rises to and the decay starts from, not negative
     *     (default: none, no warm-up)
     * @return this schedule
     */
    public CosineDecay warmupTarget(double value) {
        warmupTarget = checkRate("warmupTarget", value);
        return this;
    }

    /**
     * @param value the length of the warm-up in steps, not negative (default 0); used only with a
     *     {@link #warmupTarget}
     * @return this schedule
     */
    public CosineDecay warmupSteps(long value) {
        check("warmupSteps", value, value >= 0, "non-negative");
        warmupSteps = value;
        return this;
    }

    @Override
    public double at(long step) {
        if (warmupTarget == null) {
            return decay(Math.min((double) step, decaySteps), initialLearningRate);
        }
        double s = Math.min((double) step, (double) decaySteps + warmupSteps);
        if (s < warmupSteps) {
            return (warmupTarget - initialLearningRate) * (s / warmupSteps) + initialLearningRate;
        }
        return decay(s - warmupSteps, warmupTarget);
    }

    private double decay(double s, double from) {
        double cosineDecayed = 0.5 * (1.0 + Math.cos(Math.PI * (s / decaySteps)));
        return from * ((1 - alpha) * cosineDecayed + alpha);
    }

    @Override
    public Config getConfig() {
        return Config.of("CosineDecay")
                .put("initial_learning_rate", initialLearningRate)
                .put("decay_steps", decaySteps)
                .put("alpha", alpha)
                .put("warmup_target", warmupTarget)
                .put("warmup_steps", warmupSteps);
    }

    /**
     * Rebuilds a schedule from {@link #getConfig()}'s settings (Keras's {@code name} is accepted and ignored).
     *
     * @param config the settings
     * @return a new schedule
     * @throws ai.lepton.config.ConfigException if a setting is missing or of the wrong type
     * @throws IllegalArgumentException if a value is out of range
     */
    public static CosineDecay fromConfig(Config config) {
        config.markRead("name");
        CosineDecay schedule = new CosineDecay(config.getDouble("initial_learning_rate"), config.getLong("decay_steps"))
                .alpha(config.getDouble("alpha", 0.0))
                .warmupSteps(config.getLong("warmup_steps", 0));
        if (config.get("warmup_target") != null) {
            schedule.warmupTarget(config.getDouble("warmup_target"));
        }
        return schedule;
    }
}
