package ai.lepton.optimizers;

import ai.lepton.config.Config;
import ai.lepton.optimizers.schedules.LearningRateSchedule;
import java.util.List;

/**
 * The update rule, settings and slots {@link Adam} and {@link AdamW} share (see {@link Adam} for
 * the formula); they differ only in weight decay, which AdamW turns on by default.
 *
 * @param <S> the optimizer itself
 */
abstract class AbstractAdam<S extends AbstractAdam<S>> extends FluentOptimizer<S> {
    static final double DEFAULT_LEARNING_RATE = 0.001;

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private boolean amsgrad;

    AbstractAdam(double learningRate) {
        super(learningRate);
    }

    AbstractAdam(LearningRateSchedule schedule) {
        super(schedule);
    }

    /**
     * @param value the first moment's decay in {@code [0, 1)} (default 0.9)
     * @return this optimizer
     */
    public S beta1(double value) {
        beta1 = check("beta1", value, value >= 0 && value < 1, "in [0, 1)");
        return self();
    }

    /**
     * @param value the second moment's decay in {@code [0, 1)} (default 0.999)
     * @return this optimizer
     */
    public S beta2(double value) {
        beta2 = check("beta2", value, value >= 0 && value < 1, "in [0, 1)");
        return self();
    }

    /**
     * @param value the fuzz added to the denominator, positive (default 1e-7)
     * @return this optimizer
     */
    public S epsilon(double value) {
        epsilon = check("epsilon", value, value > 0, "positive");
        return self();
    }

    /**
     * The AMSGrad variant (Reddi et al. 2018): the denominator uses the largest second moment so
     * far, kept in the slot {@code velocity_hat}. Set before the first step.
     *
     * @param on whether to use AMSGrad (default false)
     * @return this optimizer
     */
    public S amsgrad(boolean on) {
        checkNoSlotsYet("amsgrad");
        amsgrad = on;
        return self();
    }

    /** @return beta1 */
    public double beta1() {
        return beta1;
    }

    /** @return beta2 */
    public double beta2() {
        return beta2;
    }

    /** @return epsilon */
    public double epsilon() {
        return epsilon;
    }

    /** @return whether AMSGrad is on */
    public boolean amsgrad() {
        return amsgrad;
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("beta_1", beta1).put("beta_2", beta2).put("epsilon", epsilon).put("amsgrad", amsgrad);
    }

    /** Reads the settings of {@link #getConfig()} this class adds; absent ones take Keras's defaults. */
    final S adamSettings(Config config) {
        return beta1(config.getDouble("beta_1", 0.9))
                .beta2(config.getDouble("beta_2", 0.999))
                .epsilon(config.getDouble("epsilon", 1e-7))
                .amsgrad(config.getBoolean("amsgrad", false));
    }

    @Override
    protected List<String> ownSlotNames() {
        return amsgrad ? List.of("m", "v", "velocity_hat") : List.of("m", "v");
    }

    @Override
    protected void update(double[] w, double[] g, double[][] slots, double lr, long step, int from, int to) {
        double[] m = slots[0];
        double[] v = slots[1];
        double alpha = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        if (amsgrad) {
            double[] vHat = slots[2];
            for (int i = from; i < to; i++) {
                m[i] += (g[i] - m[i]) * (1 - beta1);
                v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
                vHat[i] = Math.max(vHat[i], v[i]);
                w[i] -= alpha * m[i] / (Math.sqrt(vHat[i]) + epsilon);
            }
            return;
        }
        for (int i = from; i < to; i++) {
            m[i] += (g[i] - m[i]) * (1 - beta1);
            v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
            w[i] -= alpha * m[i] / (Math.sqrt(v[i]) + epsilon);
        }
    }
}
