package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Exponential, {@code y = e^x}; {@code dy/dx = y}.
 *
 * <pre>{@code
 * Tensor y = Exp.apply(x);   // same as x.exp()
 * }</pre>
 */
public final class Exp extends Elementwise {
    private Exp() {
    }

    /**
     * @param x the input
     * @return e^x, elementwise
     */
    public static Tensor apply(Tensor x) {
        return new Exp().run(x);
    }

    @Override
    protected double f(double x) {
        return Math.exp(x);
    }

    @Override
    protected double df(double x, double y) {
        return y;
    }
}
