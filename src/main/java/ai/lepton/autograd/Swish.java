package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Swish (also called SiLU), {@code y = x * sigmoid(x)}; with {@code s = sigmoid(x)},
 * {@code dy/dx = s + x s (1 - s)}.
 *
 * <pre>{@code
 * Tensor y = Swish.apply(x);   // same as Activations.get("swish").apply(x)
 * }</pre>
 */
public final class Swish extends Elementwise {
    private Swish() {
    }

    /**
     * @param x the input
     * @return x * sigmoid(x), elementwise, same shape
     */
    public static Tensor apply(Tensor x) {
        return new Swish().run(x);
    }

    @Override
    protected double f(double x) {
        return x * Sigmoid.logistic(x);
    }

    @Override
    protected double df(double x, double y) {
        double s = Sigmoid.logistic(x);
        return s + x * s * (1.0 - s);
    }
}
