package ai.lepton.optimizers;

import java.util.List;
import java.util.Map;

/**
 * Adam, Keras 3's update rule at step {@code t} (1-based):
 * <pre>
 * m = m + (g - m) * (1 - beta1)          (= beta1 * m + (1 - beta1) * g)
 * v = v + (g^2 - v) * (1 - beta2)        (= beta2 * v + (1 - beta2) * g^2)
 * alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
 * w -= alpha * m / (sqrt(v) + epsilon)
 * </pre>
 * Defaults as Keras: lr 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7.
 *
 * <pre>{@code
 * model.compile(new Adam(3e-4).beta2(0.99), "categorical_crossentropy", "accuracy");
 * }</pre>
 */
public final class Adam extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;

    /** Adam with Keras's default learning rate 0.001. */
    public Adam() {
        this(0.001);
    }

    /** @param learningRate the learning rate, positive */
    public Adam(double learningRate) {
        super(learningRate);
    }

    /**
     * @param value the first moment's decay in {@code [0, 1)} (default 0.9)
     * @return this optimizer
     */
    public Adam beta1(double value) {
        beta1 = check("beta1", value, value >= 0 && value < 1, "in [0, 1)");
        return this;
    }

    /**
     * @param value the second moment's decay in {@code [0, 1)} (default 0.999)
     * @return this optimizer
     */
    public Adam beta2(double value) {
        beta2 = check("beta2", value, value >= 0 && value < 1, "in [0, 1)");
        return this;
    }

    /**
     * @param value the fuzz added to the denominator, positive (default 1e-7)
     * @return this optimizer
     */
    public Adam epsilon(double value) {
        epsilon = check("epsilon", value, value > 0, "positive");
        return this;
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

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
        return config;
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public List<String> slotNames() {
        return List.of("m", "v");
    }

    @Override
    protected void update(double[] w, double[] g, double[][] slots, double lr, long step, int from, int to) {
        double[] m = slots[0];
        double[] v = slots[1];
        double alpha = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        for (int i = from; i < to; i++) {
            m[i] += (g[i] - m[i]) * (1 - beta1);
            v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
            w[i] -= alpha * m[i] / (Math.sqrt(v[i]) + epsilon);
        }
    }
}
