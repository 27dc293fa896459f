package ai.lepton.optimizers;

import ai.lepton.config.Config;
import ai.lepton.optimizers.schedules.LearningRateSchedule;
import java.util.List;

/**
 * Follow The Regularized Leader (McMahan et al. 2013), for shallow models over large sparse
 * features, Keras 3's update rule with {@code p = -learningRatePower}:
 * <pre>
 * gShrunk = g + 2 * l2Shrinkage * w
 * n' = n + g^2
 * linear += gShrunk - (n'^p - n^p) / lr * w
 * quadratic = n'^p / lr + 2 * (l2 + beta / (2 * lr))
 * w = (clip(linear, -l1, l1) - linear) / quadratic        (0 while |linear| &lt;= l1)
 * n = n'
 * </pre>
 * Defaults as Keras: lr 0.001, learning-rate power -0.5, initial accumulator value 0.1, all
 * regularization strengths and beta 0. Slots: {@code accumulator} ({@code n}), {@code linear}.
 *
 * <pre>{@code
 * Optimizer ftrl = new Ftrl(0.1).l1RegularizationStrength(0.01);
 * }</pre>
 */
public final class Ftrl extends FluentOptimizer<Ftrl> {
    private static final double DEFAULT_LEARNING_RATE = 0.001;

    private double learningRatePower = -0.5;
    private double initialAccumulatorValue = 0.1;
    private double l1RegularizationStrength;
    private double l2RegularizationStrength;
    private double l2ShrinkageRegularizationStrength;
    private double beta;

    /** Ftrl with Keras's default learning rate 0.001. */
    public Ftrl() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** @param learningRate the learning rate, positive */
    public Ftrl(double learningRate) {
        super(learningRate);
    }

    /** @param schedule the learning rate as a function of the step count */
    public Ftrl(LearningRateSchedule schedule) {
        super(schedule);
    }

    /**
     * @param value how the per-element rate falls as the accumulator grows, at most 0 (default
     *     -0.5; 0 keeps the rate fixed)
     * @return this optimizer
     */
    public Ftrl learningRatePower(double value) {
        learningRatePower = check("learningRatePower", value, value <= 0 && value > Double.NEGATIVE_INFINITY,
                "zero or negative, and finite");
        return this;
    }

    /**
     * @param value the accumulator's starting value, not negative (default 0.1), set before the first step
     * @return this optimizer
     */
    public Ftrl initialAccumulatorValue(double value) {
        checkNoSlotsYet("initialAccumulatorValue");
        initialAccumulatorValue = nonNegative("initialAccumulatorValue", value);
        return this;
    }

    /**
     * @param value the L1 strength, which sets small weights to exactly 0, not negative (default 0)
     * @return this optimizer
     */
    public Ftrl l1RegularizationStrength(double value) {
        l1RegularizationStrength = nonNegative("l1RegularizationStrength", value);
        return this;
    }

    /**
     * @param value the stabilizing L2 strength of the paper, not negative (default 0)
     * @return this optimizer
     */
    public Ftrl l2RegularizationStrength(double value) {
        l2RegularizationStrength = nonNegative("l2RegularizationStrength", value);
        return this;
    }

    /**
     * @param value the L2 penalty on the weights' magnitude, added to the gradient, not negative (default 0)
     * @return this optimizer
     */
    public Ftrl l2ShrinkageRegularizationStrength(double value) {
        l2ShrinkageRegularizationStrength = nonNegative("l2ShrinkageRegularizationStrength", value);
        return this;
    }

    /**
     * @param value the paper's beta, not negative (default 0)
     * @return this optimizer
     */
    public Ftrl beta(double value) {
        beta = nonNegative("beta", value);
        return this;
    }

    private double nonNegative(String name, double value) {
        return check(name, value, value >= 0 && value < Double.POSITIVE_INFINITY, "non-negative and finite");
    }

    @Override
    public Config getConfig() {
        return super.getConfig()
                .put("learning_rate_power", learningRatePower)
                .put("initial_accumulator_value", initialAccumulatorValue)
                .put("l1_regularization_strength", l1RegularizationStrength)
                .put("l2_regularization_strength", l2RegularizationStrength)
                .put("l2_shrinkage_regularization_strength", l2ShrinkageRegularizationStrength)
                .put("beta", beta);
    }

    /**
     * Rebuilds an optimizer from {@link #getConfig()}'s settings; absent settings take Keras's defaults.
     *
     * @param config the settings
     * @return a new optimizer, without state
     * @throws ai.lepton.config.ConfigException if a setting is of the wrong type
     * @throws IllegalArgumentException if a value is out of range
     */
    public static Ftrl fromConfig(Config config) {
        return fromBaseConfig(config, DEFAULT_LEARNING_RATE, Ftrl::new, Ftrl::new)
                .learningRatePower(config.getDouble("learning_rate_power", -0.5))
                .initialAccumulatorValue(config.getDouble("initial_accumulator_value", 0.1))
                .l1RegularizationStrength(config.getDouble("l1_regularization_strength", 0.0))
                .l2RegularizationStrength(config.getDouble("l2_regularization_strength", 0.0))
                .l2ShrinkageRegularizationStrength(config.getDouble("l2_shrinkage_regularization_strength", 0.0))
                .beta(config.getDouble("beta", 0.0));
    }

    @Override
    public String name() {
        return "ftrl";
    }

    @Override
    protected List<String> ownSlotNames() {
        return List.of("accumulator", "linear");
    }

    @Override
    protected double initialSlotValue(String slot) {
        return slot.equals("accumulator") ? initialAccumulatorValue : 0;
    }

    @Override
    protected void update(double[] w, double[] g, double[][] slots, double lr, long step, int from, int to) {
        double[] accumulator = slots[0];
        double[] linear = slots[1];
        double power = -learningRatePower;
        double l1 = l1RegularizationStrength;
        double l2 = l2RegularizationStrength + beta / (2.0 * lr);
        double shrinkage = 2 * l2ShrinkageRegularizationStrength;
        for (int i = from; i < to; i++) {
            double gradToUse = g[i] + shrinkage * w[i];
            double newAccumulator = accumulator[i] + g[i] * g[i];
            double newPower = Math.pow(newAccumulator, power);
            linear[i] += gradToUse - (newPower - Math.pow(accumulator[i], power)) / lr * w[i];
            double quadratic = newPower / lr + 2 * l2;
            double linearClipped = Math.min(Math.max(linear[i], -l1), l1);
            w[i] = (linearClipped - linear[i]) / quadratic;
            accumulator[i] = newAccumulator;
        }
    }
}
