package ai.lepton.optimizers;

import ai.lepton.config.Config;
import ai.lepton.optimizers.schedules.LearningRateSchedule;
import java.util.List;

/**
 * Stochastic gradient descent with optional (Nesterov) momentum, Keras 3's update rule:
 * <pre>
 * without momentum:  w -= lr * g
 * with momentum:     vel = momentum * vel - lr * g
 *                    w += vel                          (or, Nesterov: w += momentum * vel - lr * g)
 * </pre>
 * Defaults as Keras: lr 0.01, no momentum. Slots: {@code momentum} when momentum is on.
 *
 * <pre>{@code
 * Optimizer sgd = new SGD(0.1).momentum(0.9).nesterov(true);
 * }</pre>
 */
public final class SGD extends FluentOptimizer<SGD> {
    private static final double DEFAULT_LEARNING_RATE = 0.01;

    private double momentum;
    private boolean nesterov;

    /** SGD with Keras's default learning rate 0.01, no momentum. */
    public SGD() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** @param learningRate the learning rate, positive */
    public SGD(double learningRate) {
        super(learningRate);
    }

    /** @param schedule the learning rate as a function of the step count */
    public SGD(LearningRateSchedule schedule) {
        super(schedule);
    }

    /**
     * @param value the momentum in {@code [0, 1)} (default 0), set before the first step
     * @return this optimizer
     */
    public SGD momentum(double value) {
        checkNoSlotsYet("momentum");
        momentum = check("momentum", value, value >= 0 && value < 1, "in [0, 1)");
        return this;
    }

    /**
     * @param on whether to use Nesterov momentum (default false)
     * @return this optimizer
     */
    public SGD nesterov(boolean on) {
        nesterov = on;
        return this;
    }

    /** @return the momentum */
    public double momentum() {
        return momentum;
    }

    /** @return whether Nesterov momentum is on */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("momentum", momentum).put("nesterov", nesterov);
    }

    /**
     * Rebuilds an optimizer from {@link #getConfig()}'s settings; absent settings take Keras's defaults.
     *
     * @param config the settings
     * @return a new optimizer, without state
     * @throws ai.lepton.config.ConfigException if a setting is of the wrong type
     * @throws IllegalArgumentException if a value is out of range
     */
    public static SGD fromConfig(Config config) {
        return fromBaseConfig(config, DEFAULT_LEARNING_RATE, SGD::new, SGD::new)
                .momentum(config.getDouble("momentum", 0.0))
                .nesterov(config.getBoolean("nesterov", false));
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    protected List<String> ownSlotNames() {
        return momentum > 0 ? List.of("momentum") : List.of();
    }

    @Override
    protected void update(double[] w, double[] g, double[][] slots, double lr, long step, int from, int to) {
        if (momentum == 0) {
            for (int i = from; i < to; i++) {
                w[i] -= lr * g[i];
            }
            return;
        }
        double[] vel = slots[0];
        for (int i = from; i < to; i++) {
            vel[i] = momentum * vel[i] - lr * g[i];
            w[i] += nesterov ? momentum * vel[i] - lr * g[i] : vel[i];
        }
    }
}
