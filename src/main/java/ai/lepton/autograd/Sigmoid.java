package ai.lepton.autograd;

import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * Logistic sigmoid, {@code y = 1 / (1 + e^-x)}, computed without overflow for any x; {@code dy/dx = y (1 - y)}.
 * The output remembers its input, so that binary cross-entropy can be computed from the logits.
 *
 * <pre>{@code
 * Tensor y = Sigmoid.apply(x);   // same as x.sigmoid()
 * }</pre>
 */
public final class Sigmoid extends Elementwise {
    private Sigmoid() {
    }

    /**
     * @param x the input
     * @return 1 / (1 + e^-x), elementwise
     */
    public static Tensor apply(Tensor x) {
        Tensor out = new Sigmoid().run(x);
        Storage.rememberLogits(out, x);
        return out;
    }

    @Override
    protected double f(double x) {
        return logistic(x);
    }

    /**
     * The logistic function without overflow, shared with the ops built on it (softplus, swish).
     *
     * @param x any value
     * @return 1 / (1 + e^-x)
     */
    static double logistic(double x) {
        return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
    }

    @Override
    protected double df(double x, double y) {
        return y * (1.0 - y);
    }
}
