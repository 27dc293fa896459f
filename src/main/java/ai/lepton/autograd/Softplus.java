package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Softplus, {@code y = log(1 + e^x)}, computed as {@code log1p(e^-|x|) + max(x, 0)} so that it
 * neither overflows for large x nor loses digits for very negative x; {@code dy/dx = sigmoid(x)}.
 *
 * <pre>{@code
 * Tensor y = Softplus.apply(x);   // same as Activations.get("softplus").apply(x)
 * }</pre>
 */
public final class Softplus extends Elementwise {
    private Softplus() {
    }

    /**
     * @param x the input
     * @return softplus(x), elementwise, same shape
     */
    public static Tensor apply(Tensor x) {
        return new Softplus().run(x);
    }

    @Override
    protected double f(double x) {
        return Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0.0);
    }

    @Override
    protected double df(double x, double y) {
        return Sigmoid.logistic(x);
    }
}
