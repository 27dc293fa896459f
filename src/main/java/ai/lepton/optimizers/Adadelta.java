package ai.lepton.optimizers;

import ai.lepton.config.Config;
import ai.lepton.optimizers.schedules.LearningRateSchedule;
import java.util.List;

/**
 * Adadelta (Zeiler 2012), Keras 3's update rule, with {@code rms(x) = sqrt(x + epsilon)}:
 * <pre>
 * accumulatedGrad = rho * accumulatedGrad + (1 - rho) * g^2
 * delta = -rms(accumulatedDeltaVar) * g / rms(accumulatedGrad)
 * accumulatedDeltaVar = rho * accumulatedDeltaVar + (1 - rho) * delta^2
 * w += lr * delta
 * </pre>
 * Defaults as Keras: lr 0.001, rho 0.95, epsilon 1e-7 (the paper's method has no learning rate,
 * which is {@code lr = 1}). Slots: {@code accumulated_grad}, {@code accumulated_delta_var}.
 *
 * <pre>{@code
 * Optimizer adadelta = new Adadelta(1.0);
 * }</pre>
 */
public final class Adadelta extends FluentOptimizer<Adadelta> {
    private static final double DEFAULT_LEARNING_RATE = 0.001;

    private double rho = 0.95;
    private double epsilon = 1e-7;

    /** Adadelta with Keras's default learning rate 0.001. */
    public Adadelta() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** @param learningRate the learning rate, positive */
    public Adadelta(double learningRate) {
        super(learningRate);
    }

    /** @param schedule the learning rate as a function of the step count */
    public Adadelta(LearningRateSchedule schedule) {
        super(schedule);
    }

    /**
     * @param value the decay of both running averages, in {@code [0, 1)} (default 0.95)
     * @return this optimizer
     */
    public Adadelta rho(double value) {
        rho = check("rho", value, value >= 0 && value < 1, "in [0, 1)");
        return this;
    }

    /**
     * @param value the fuzz added under the square roots, positive (default 1e-7)
     * @return this optimizer
     */
    public Adadelta epsilon(double value) {
        epsilon = check("epsilon", value, value > 0, "positive");
        return this;
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("rho", rho).put("epsilon", epsilon);
    }

    /**
     * Rebuilds an optimizer from {@link #getConfig()}'s settings; absent settings take Keras's defaults.
     *
     * @param config the settings
     * @return a new optimizer, without state
     * @throws ai.lepton.config.ConfigException if a setting is of the wrong type
     * @throws IllegalArgumentException if a value is out of range
     */
    public static Adadelta fromConfig(Config config) {
        return fromBaseConfig(config, DEFAULT_LEARNING_RATE, Adadelta::new, Adadelta::new)
                .rho(config.getDouble("rho", 0.95))
                .epsilon(config.getDouble("epsilon", 1e-7));
    }

    @Override
    public String name() {
        return "adadelta";
    }

    @Override
    protected List<String> ownSlotNames() {
        return List.of("accumulated_grad", "accumulated_delta_var");
    }

    @Override
    protected void update(double[] w, double[] g, double[][] slots, double lr, long step, int from, int to) {
        double[] accumulatedGrad = slots[0];
        double[] accumulatedDelta = slots[1];
        for (int i = from; i < to; i++) {
            accumulatedGrad[i] = rho * accumulatedGrad[i] + (1 - rho) * (g[i] * g[i]);
            double delta = -(Math.sqrt(accumulatedDelta[i] + epsilon) * g[i] / Math.sqrt(accumulatedGrad[i] + epsilon));
            accumulatedDelta[i] = rho * accumulatedDelta[i] + (1 - rho) * (delta * delta);
            w[i] += lr * delta;
        }
    }
}
