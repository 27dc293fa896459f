package ai.lepton.optimizers;

import ai.lepton.config.Config;
import ai.lepton.optimizers.schedules.LearningRateSchedule;
import java.util.ArrayList;
import java.util.List;

/**
 * RMSprop, Keras 3's update rule (note that Keras adds epsilon inside the square root):
 * <pre>
 * v = rho * v + (1 - rho) * g^2
 * centered:    a = rho * a + (1 - rho) * g;   denominator = v - a^2 + epsilon
 * otherwise:   denominator = v + epsilon
 * increment = lr * g / sqrt(denominator)
 * momentum > 0:  mom = momentum * mom + increment;  w -= mom
 * otherwise:     w -= increment
 * </pre>
 * Defaults as Keras: lr 0.001, rho 0.9, momentum 0, epsilon 1e-7, not centered. Slots:
 * {@code velocity}, then {@code momentum} with momentum, then {@code average_gradient} when centered.
 *
 * <pre>{@code
 * Optimizer rms = new RMSprop(1e-3).rho(0.95);
 * }</pre>
 */
public final class RMSprop extends FluentOptimizer<RMSprop> {
    private static final double DEFAULT_LEARNING_RATE = 0.001;

    private double rho = 0.9;
    private double momentum;
    private double epsilon = 1e-7;
    private boolean centered;

    /** RMSprop with Keras's default learning rate 0.001. */
    public RMSprop() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** @param learningRate the learning rate, positive */
    public RMSprop(double learningRate) {
        super(learningRate);
    }

    /** @param schedule the learning rate as a function of the step count */
    public RMSprop(LearningRateSchedule schedule) {
        super(schedule);
    }

    /**
     * @param value the decay of the squared-gradient average, in {@code [0, 1)} (default 0.9)
     * @return this optimizer
     */
    public RMSprop rho(double value) {
        rho = check("rho", value, value >= 0 && value < 1, "in [0, 1)");
        return this;
    }

    /**
     * @param value the momentum in {@code [0, 1)} (default 0), set before the first step
     * @return this optimizer
     */
    public RMSprop momentum(double value) {
        checkNoSlotsYet("momentum");
        momentum = check("momentum", value, value >= 0 && value < 1, "in [0, 1)");
        return this;
    }

    /**
     * @param value the fuzz added under the square root, positive (default 1e-7)
     * @return this optimizer
     */
    public RMSprop epsilon(double value) {
        epsilon = check("epsilon", value, value > 0, "positive");
        return this;
    }

    /**
     * @param on whether to normalize by the estimated variance instead of the second moment (default false), set before the first step
     * @return this optimizer
     */
    public RMSprop centered(boolean on) {
        checkNoSlotsYet("centered");
        centered = on;
        return this;
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("rho", rho).put("momentum", momentum).put("epsilon", epsilon).put("centered", centered);
    }

    /**
     * Rebuilds an optimizer from {@link #getConfig()}'s settings; absent settings take Keras's defaults.
     *
     * @param config the settings
     * @return a new optimizer, without state
     * @throws ai.lepton.config.ConfigException if a setting is of the wrong type
     * @throws IllegalArgumentException if a value is out of range
     */
    public static RMSprop fromConfig(Config config) {
        return fromBaseConfig(config, DEFAULT_LEARNING_RATE, RMSprop::new, RMSprop::new)
                .rho(config.getDouble("rho", 0.9))
                .momentum(config.getDouble("momentum", 0.0))
                .epsilon(config.getDouble("epsilon", 1e-7))
                .centered(config.getBoolean("centered", false));
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    protected List<String> ownSlotNames() {
        List<String> names = new ArrayList<>(List.of("velocity"));
        if (momentum > 0) {
            names.add("momentum");
        }
        if (centered) {
            names.add("average_gradient");
        }
        return names;
    }

    @Override
    protected void update(double[] w, double[] g, double[][] slots, double lr, long step, int from, int to) {
        double[] v = slots[0];
        double[] mom = momentum > 0 ? slots[1] : null;
        double[] avg = centered ? slots[momentum > 0 ? 2 : 1] : null;
        for (int i = from; i < to; i++) {
            v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
            double denominator;
            if (centered) {
                avg[i] = rho * avg[i] + (1 - rho) * g[i];
                denominator = v[i] - avg[i] * avg[i] + epsilon;
            } else {
                denominator = v[i] + epsilon;
            }
            double increment = lr * g[i] / Math.sqrt(denominator);
            if (momentum > 0) {
                mom[i] = momentum * mom[i] + increment;
                w[i] -= mom[i];
            } else {
                w[i] -= increment;
            }
        }
    }
}
