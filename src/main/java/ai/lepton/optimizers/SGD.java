package ai.lepton.optimizers;

import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional (Nesterov) momentum, Keras 3's update rule:
 * <pre>
 * without momentum:  w -= lr * g
 * with momentum:     vel = momentum * vel - lr * g
 *                    w += vel                          (or, Nesterov: w += momentum * vel - lr * g)
 * </pre>
 *
 * <pre>{@code
 * Optimizer sgd = new SGD(0.1).momentum(0.9).nesterov(true);
 * }</pre>
 */
public final class SGD extends Optimizer {
    private double momentum;
    private boolean nesterov;

    /** SGD with Keras's default learning rate 0.01, no momentum. */
    public SGD() {
        this(0.01);
    }

    /** @param learningRate the learning rate, positive */
    public SGD(double learningRate) {
        super(learningRate);
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
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("momentum", momentum);
        config.put("nesterov", nesterov);
        return config;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public List<String> slotNames() {
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
