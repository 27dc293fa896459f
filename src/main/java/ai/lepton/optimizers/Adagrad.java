package ai.lepton.optimizers;

import ai.lepton.config.Config;
import ai.lepton.optimizers.schedules.LearningRateSchedule;
import java.util.List;

/**
 * Adagrad (Duchi et al. 2011), Keras 3's update rule:
 * <pre>
 * accumulator += g^2                     (starting from initialAccumulatorValue)
 * w -= lr * g / sqrt(accumulator + epsilon)
 * </pre>
 * Defaults as Keras: lr 0.001, initial accumulator value 0.1, epsilon 1e-7. Slot: {@code accumulator}.
 *
 * <pre>{@code
 * Optimizer adagrad = new Adagrad(0.01).initialAccumulatorValue(0.0);
 * }</pre>
 */
public final class Adagrad extends FluentOptimizer<Adagrad> {
    private static final double DEFAULT_LEARNING_RATE = 0.001;

    private double initialAccumulatorValue = 0.1;
    private double epsilon = 1e-7;

    /** Adagrad with Keras's default learning rate 0.001. */
    public Adagrad() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** @param learningRate the learning rate, positive */
    public Adagrad(double learningRate) {
        super(learningRate);
    }

    /** @param schedule the learning rate as a function of the step count */
    public Adagrad(LearningRateSchedule schedule) {
        super(schedule);
    }

    /**
     * @param value the accumulator's starting value, not negative (default 0.1), set before the first step
     * @return this optimizer
     */
    public Adagrad initialAccumulatorValue(double value) {
        checkNoSlotsYet("initialAccumulatorValue");
        initialAccumulatorValue = check("initialAccumulatorValue", value, value >= 0 && value < Double.POSITIVE_INFINITY,
                "non-negative and finite");
        return this;
    }

    /**
     * @param value the fuzz added under the square root, positive (default 1e-7)
     * @return this optimizer
     */
    public Adagrad epsilon(double value) {
        epsilon = check("epsilon", value, value > 0, "positive");
        return this;
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("initial_accumulator_value", initialAccumulatorValue).put("epsilon", epsilon);
    }

    /**
     * Rebuilds an optimizer from {@link #getConfig()}'s settings; absent settings take Keras's defaults.
     *
     * @param config the settings
     * @return a new optimizer, without state
     * @throws ai.lepton.config.ConfigException if a setting is of the wrong type
     * @throws IllegalArgumentException if a value is out of range
     */
    public static Adagrad fromConfig(Config config) {
        return fromBaseConfig(config, DEFAULT_LEARNING_RATE, Adagrad::new, Adagrad::new)
                .initialAccumulatorValue(config.getDouble("initial_accumulator_value", 0.1))
                .epsilon(config.getDouble("epsilon", 1e-7));
    }

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    protected List<String> ownSlotNames() {
        return List.of("accumulator");
    }

    @Override
    protected double initialSlotValue(String slot) {
        return initialAccumulatorValue;
    }

    @Override
    protected void update(double[] w, double[] g, double[][] slots, double lr, long step, int from, int to) {
        double[] accumulator = slots[0];
        for (int i = from; i < to; i++) {
            accumulator[i] += g[i] * g[i];
            w[i] -= lr * g[i] / Math.sqrt(accumulator[i] + epsilon);
        }
    }
}
