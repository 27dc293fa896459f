package ai.lepton.optimizers;

import ai.lepton.config.Config;
import ai.lepton.optimizers.schedules.LearningRateSchedule;
import java.util.List;

/**
 * Nadam, Adam with Nesterov momentum (Dozat 2015), Keras 3's update rule at step {@code t}
 * (1-based), with the momentum schedule {@code u(t) = beta1 * (1 - 0.5 * 0.96^t)}:
 * <pre>
 * P(t) = u(1) * u(2) * ... * u(t)            (a product over all steps so far)
 * m = m + (g - m) * (1 - beta1)
 * v = v + (g^2 - v) * (1 - beta2)
 * mHat = u(t+1) * m / (1 - P(t) * u(t+1)) + (1 - u(t)) * g / (1 - P(t))
 * vHat = v / (1 - beta2^t)
 * w -= mHat * lr / (sqrt(vHat) + epsilon)
 * </pre>
 * Defaults as Keras: lr 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7. Slots: {@code momentum},
 * {@code velocity}. The product {@code P(t)}, a variable of its own in Keras, follows from the
 * step count and beta1, so it is recomputed rather than saved.
 *
 * <pre>{@code
 * Optimizer nadam = new Nadam(2e-3);
 * }</pre>
 */
public final class Nadam extends FluentOptimizer<Nadam> {
    private static final double DEFAULT_LEARNING_RATE = 0.001;
    private static final double DECAY = 0.96;

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private double uProduct = 1.0;
    private long uProductSteps;

    /** Nadam with Keras's default learning rate 0.001. */
    public Nadam() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** @param learningRate the learning rate, positive */
    public Nadam(double learningRate) {
        super(learningRate);
    }

    /** @param schedule the learning rate as a function of the step count */
    public Nadam(LearningRateSchedule schedule) {
        super(schedule);
    }

    /**
     * @param value the first moment's decay in {@code [0, 1)} (default 0.9), set before the first
     *     step (the momentum product {@code P(t)} depends on it)
     * @return this optimizer
     */
    public Nadam beta1(double value) {
        checkNoSlotsYet("beta1");
        beta1 = check("beta1", value, value >= 0 && value < 1, "in [0, 1)");
        return this;
    }

    /**
     * @param value the second moment's decay in {@code [0, 1)} (default 0.999)
     * @return this optimizer
     */
    public Nadam beta2(double value) {
        beta2 = check("beta2", value, value >= 0 && value < 1, "in [0, 1)");
        return this;
    }

    /**
     * @param value the fuzz added to the denominator, positive (default 1e-7)
     * @return this optimizer
     */
    public Nadam epsilon(double value) {
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
    public static Nadam fromConfig(Config config) {
        return fromBaseConfig(config, DEFAULT_LEARNING_RATE, Nadam::new, Nadam::new)
                .beta1(config.getDouble("beta_1", 0.9))
                .beta2(config.getDouble("beta_2", 0.999))
                .epsilon(config.getDouble("epsilon", 1e-7));
    }

    @Override
    public String name() {
        return "nadam";
    }

    @Override
    protected List<String> ownSlotNames() {
        return List.of("momentum", "velocity");
    }

    /**
     * Brings {@code P(t)} to this step, multiplying in Keras's order so that the bits match Keras's
     * running product; after a restored step count it starts over from step 1.
     */
    @Override
    protected void beginStep(long step) {
        if (uProductSteps != step - 1) {
            uProduct = 1.0;
            uProductSteps = 0;
        }
        while (uProductSteps < step) {
            uProductSteps++;
            uProduct = uProduct * beta1 * (1.0 - 0.5 * Math.pow(DECAY, uProductSteps));
        }
    }

    @Override
    protected void update(double[] w, double[] g, double[][] slots, double lr, long step, int from, int to) {
        double[] m = slots[0];
        double[] v = slots[1];
        double uT = beta1 * (1.0 - 0.5 * Math.pow(DECAY, step));
        double uT1 = beta1 * (1.0 - 0.5 * Math.pow(DECAY, step + 1));
        double uProductT1 = uProduct * uT1;
        double beta2Power = Math.pow(beta2, step);
        for (int i = from; i < to; i++) {
            m[i] += (g[i] - m[i]) * (1 - beta1);
            v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
            double mHat = uT1 * m[i] / (1 - uProductT1) + (1 - uT) * g[i] / (1 - uProduct);
            double vHat = v[i] / (1 - beta2Power);
            w[i] -= mHat * lr / (Math.sqrt(vHat) + epsilon);
        }
    }
}
