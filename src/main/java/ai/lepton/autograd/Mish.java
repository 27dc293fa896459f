package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Mish, {@code y = x * tanh(softplus(x))}; with {@code t = tanh(softplus(x))},
 * {@code dy/dx = t + x (1 - t^2) sigmoid(x)}.
 *
 * <pre>{@code
 * Tensor y = Mish.apply(x);   // same as Activations.get("mish").apply(x)
 * }</pre>
 */
public final class Mish extends Elementwise {
    private Mish() {
    }

    /**
     * @param x the input
     * @return x * tanh(softplus(x)), elementwise, same shape
     */
    public static Tensor apply(Tensor x) {
        return new Mish().run(x);
    }

    private static double tanhSoftplus(double x) {
        return Math.tanh(Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0.0));
    }

    @Override
    protected double f(double x) {
        return x * tanhSoftplus(x);
    }

    @Override
    protected double df(double x, double y) {
        double t = tanhSoftplus(x);
        return t + x * (1.0 - t * t) * Sigmoid.logistic(x);
    }
}
