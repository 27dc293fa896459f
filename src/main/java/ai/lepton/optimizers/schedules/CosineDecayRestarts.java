package ai.lepton.optimizers.schedules;

import ai.lepton.config.Config;

/**
 * Cosine decay with warm restarts, Keras's {@code CosineDecayRestarts} (SGDR, Loshchilov and
 * Hutter 2016). The rate decays along a cosine from {@code initialLearningRate} to
 * {@code alpha * initialLearningRate} over {@code firstDecaySteps}, then restarts; each period is
 * {@code tMul} times longer than the one before and starts {@code mMul} times lower:
 * <pre>
 * f = step / firstDecaySteps
 * i = floor(f)                                   (tMul = 1)
 *   = floor(log(1 - f * (1 - tMul)) / log(tMul))  (otherwise), the number of restarts so far
 * f = f - i                                      (tMul = 1)
 *   = (f - (1 - tMul^i) / (1 - tMul)) / tMul^i    (otherwise), the fraction of this period done
 * rate = initialLearningRate * ((1 - alpha) * 0.5 * mMul^i * (1 + cos(pi * f)) + alpha)
 * </pre>
 *
 * <pre>{@code
 * var schedule = new CosineDecayRestarts(0.1, 1000).tMul(2.0).mMul(0.5);
 * }</pre>
 */
public final class CosineDecayRestarts extends LearningRateSchedule {
    private final double initialLearningRate;
    private final long firstDecaySteps;
    private double tMul = 2.0;
    private double mMul = 1.0;
    private double alpha;

    /**
     * @param initialLearningRate the rate at step 0, not negative
     * @param firstDecaySteps the length of the first period, positive
     * @throws IllegalArgumentException if a value is out of range
     */
    public CosineDecayRestarts(double initialLearningRate, long firstDecaySteps) {
        this.initialLearningRate = checkRate("initialLearningRate", initialLearningRate);
        this.firstDecaySteps = checkSteps("firstDecaySteps", firstDecaySteps);
    }

    /**
     * @param value how many times longer each period is than the one before, positive (default 2)
     * @return this schedule
     */
    public CosineDecayRestarts tMul(double value) {
        tMul = check("tMul", value, value > 0 && value < Double.POSITIVE_INFINITY, "positive and finite");
        return this;
    }

    /**
     * @param value the factor on the starting rate of each period, not negative (default 1)
     * @return this schedule
     */
    public CosineDecayRestarts mMul(double value) {
        mMul = check("mMul", value, value >= 0 && value < Double.POSITIVE_INFINITY, "non-negative and finite");
        return this;
    }

    /**
     * @param value the lowest rate as a fraction of the initial rate, in {@code [0, 1]} (default 0)
     * @return this schedule
     */
    public CosineDecayRestarts alpha(double value) {
        alpha = check("alpha", value, value >= 0 && value <= 1, "in [0, 1]");
        return this;
    }

    @Override
    public double at(long step) {
        double fraction = (double) step / firstDecaySteps;
        double restarts;
        if (tMul == 1.0) {
            restarts = Math.floor(fraction);
            fraction -= restarts;
        } else {
            restarts = Math.floor(Math.log(1.0 - fraction * (1.0 - tMul)) / Math.log(tMul));
            double sumR = (1.0 - Math.pow(tMul, restarts)) / (1.0 - tMul);
            fraction = (fraction - sumR) / Math.pow(tMul, restarts);
        }
        double cosineDecayed = 0.5 * Math.pow(mMul, restarts) * (1.0 + Math.cos(Math.PI * fraction));
        return initialLearningRate * ((1 - alpha) * cosineDecayed + alpha);
    }

    @Override
    public Config getConfig() {
        return Config.of("CosineDecayRestarts")
                .put("initial_learning_rate", initialLearningRate)
                .put("first_decay_steps", firstDecaySteps)
                .put("t_mul", tMul)
                .put("m_mul", mMul)
                .put("alpha", alpha);
    }

    /**
     * Rebuilds a schedule from {@link #getConfig()}'s settings (Keras's {@code name} is accepted and ignored).
     *
     * @param config the settings
     * @return a new schedule
     * @throws ai.lepton.config.ConfigException if a setting is missing or of the wrong type
     * @throws IllegalArgumentException if a value is out of range
     */
    public static CosineDecayRestarts fromConfig(Config config) {
        config.markRead("name");
        return new CosineDecayRestarts(config.getDouble("initial_learning_rate"), config.getLong("first_decay_steps"))
                .tMul(config.getDouble("t_mul", 2.0))
                .mMul(config.getDouble("m_mul", 1.0))
                .alpha(config.getDouble("alpha", 0.0));
    }
}
