package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Hyperbolic tangent, {@code y = tanh x}; {@code dy/dx = 1 - y^2}.
 *
 * <pre>{@code
 * Tensor y = Tanh.apply(x);   // same as x.tanh()
 * }</pre>
 */
public final class Tanh extends Elementwise {
    private Tanh() {
    }

    /**
     * @param x the input
     * @return tanh x, elementwise
     */
    public static Tensor apply(Tensor x) {
        return new Tanh().run(x);
    }

    @Override
    protected double f(double x) {
        return Math.tanh(x);
    }

    @Override
    protected double df(double x, double y) {
        return 1.0 - y * y;
    }
}
