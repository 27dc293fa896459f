package ai.lepton.optimizers;

import ai.lepton.config.Config;
import ai.lepton.optimizers.schedules.LearningRateSchedule;
import java.util.List;

/**
 * Adamax, the variant of Adam based on the infinity norm (Kingma and Ba 2014, section 7.1),
 * Keras 3's update rule at step {@code t} (1-based):
 * <pre>
 * m = m + (g - m) * (1 - beta1)
 * u = max(beta2 * u, |g|)
 * w -= lr * m / ((1 - beta1^t) * (u + epsilon))
 * </pre>
 * Defaults as Keras: lr 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7. Slots: {@code momentum}, {@code norm}.
 *
 * <pre>{@code
 * Optimizer adamax = new Adamax(2e-3);
 * }</pre>
 */
public final class Adamax extends FluentOptimizer<Adamax> {
    private static final double DEFAULT_LEARNING_RATE = 0.001;

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;

    /** Adamax with Keras's default learning rate 0.001. */
    public Adamax() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** @param learningRate the learning rate, positive */
    public Adamax(double learningRate) {
        super(learningRate);
    }

    /** @param schedule the learning rate as a function of the step count */
    public Adamax(LearningRateSchedule schedule) {
        super(schedule);
    }

    /**
     * @param value the first moment's decay in {@code [0, 1)} (default 0.9)
     * @return this optimizer
     */
    public Adamax beta1(double value) {
        beta1 = check("beta1", value, value >= 0 && value < 1, "in [0, 1)");
        return this;
    }

    /**
     * @param value the decay of the infinity norm in {@code [0, 1)} (default 0.999)
     * @return this optimizer
     */
    public Adamax beta2(double value) {
        beta2 = check("beta2", value, value >= 0 && value < 1, "in [0, 1)");
        return this;
    }

    /**
     * @param value the fuzz added to the denominator, positive (default 1e-7)
     * @return this optimizer
     */
    public Adamax epsilon(double value) {
        epsilon = check("epsilon", value, value > 0, "positive");
        return this;
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("beta_1", beta1).put("beta_2", beta2).put("epsilon", epsilon);
    }

    /**
     * Rebuilds an optimizer from {@link #getConfig()}'s settings; absent settings take Keras's defaults.
     *
     * @param config the settings
     * @return a new optimizer, without state
     * @throws ai.lepton.config.ConfigException if a setting is of the wrong type
     * @throws IllegalArgumentException if a value is out of range
     */
    public static Adamax fromConfig(Config config) {
        return fromBaseConfig(config, DEFAULT_LEARNING_RATE, Adamax::new, Adamax::new)
                .beta1(config.getDouble("beta_1", 0.9))
                .beta2(config.getDouble("beta_2", 0.999))
                .epsilon(config.getDouble("epsilon", 1e-7));
    }

    @Override
    public String name() {
        return "adamax";
    }

    @Override
    protected List<String> ownSlotNames() {
        return List.of("momentum", "norm");
    }

    @Override
    protected void update(double[] w, double[] g, double[][] slots, double lr, long step, int from, int to) {
        double[] m = slots[0];
        double[] u = slots[1];
        double correction = 1 - Math.pow(beta1, step);
        for (int i = from; i < to; i++) {
            m[i] += (g[i] - m[i]) * (1 - beta1);
            u[i] = Math.max(beta2 * u[i], Math.abs(g[i]));
            w[i] -= lr * m[i] / (correction * (u[i] + epsilon));
        }
    }
}
