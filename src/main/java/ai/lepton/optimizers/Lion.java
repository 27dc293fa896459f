package ai.lepton.optimizers;

import ai.lepton.config.Config;
import ai.lepton.optimizers.schedules.LearningRateSchedule;
import java.util.List;

/**
 * Lion, the sign-momentum optimizer found by program search (Chen et al. 2023), Keras 3's update rule:
 * <pre>
 * w -= lr * sign(beta1 * m + (1 - beta1) * g)
 * m = beta2 * m + (1 - beta2) * g
 * </pre>
 * Every element moves by exactly {@code lr}, so Lion wants a rate 3-10 times smaller than
 * AdamW's and a larger weight decay. Defaults as Keras: lr 0.001, beta1 0.9, beta2 0.99. Slot:
 * {@code momentum}.
 *
 * <pre>{@code
 * Optimizer lion = new Lion(1e-4).weightDecay(0.1);
 * }</pre>
 */
public final class Lion extends FluentOptimizer<Lion> {
    private static final double DEFAULT_LEARNING_RATE = 0.001;

    private double beta1 = 0.9;
    private double beta2 = 0.99;

    /** Lion with Keras's default learning rate 0.001. */
    public Lion() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** @param learningRate the learning rate, positive */
    public Lion(double learningRate) {
        super(learningRate);
    }

    /** @param schedule the learning rate as a function of the step count */
    public Lion(LearningRateSchedule schedule) {
        super(schedule);
    }

    /**
     * @param value the interpolation between momentum and gradient for the sign, in {@code (0, 1]}
     *     (default 0.9; at 0 Lion degenerates to sign SGD, which Keras rejects)
     * @return this optimizer
     */
    public Lion beta1(double value) {
        beta1 = check("beta1", value, value > 0 && value <= 1, "in (0, 1]");
        return this;
    }

    /**
     * @param value the momentum's decay, in {@code [0, 1)} (default 0.99)
     * @return this optimizer
     */
    public Lion beta2(double value) {
        beta2 = check("beta2", value, value >= 0 && value < 1, "in [0, 1)");
        return this;
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("beta_1", beta1).put("beta_2", beta2);
    }

    /**
     * Rebuilds an optimizer from {@link #getConfig()}'s settings; absent settings take Keras's defaults.
     *
     * @param config the settings
     * @return a new optimizer, without state
     * @throws ai.lepton.config.ConfigException if a setting is of the wrong type
     * @throws IllegalArgumentException if a value is out of range
     */
    public static Lion fromConfig(Config config) {
        return fromBaseConfig(config, DEFAULT_LEARNING_RATE, Lion::new, Lion::new)
                .beta1(config.getDouble("beta_1", 0.9))
                .beta2(config.getDouble("beta_2", 0.99));
    }

    @Override
    public String name() {
        return "lion";
    }

    @Override
    protected List<String> ownSlotNames() {
        return List.of("momentum");
    }

    @Override
    protected void update(double[] w, double[] g, double[][] slots, double lr, long step, int from, int to) {
        double[] m = slots[0];
        for (int i = from; i < to; i++) {
            w[i] -= lr * Math.signum(m[i] * beta1 + g[i] * (1.0 - beta1));
            m[i] = m[i] * beta2 + g[i] * (1.0 - beta2);
        }
    }
}
