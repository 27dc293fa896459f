package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Absolute value, {@code y = |x|}; {@code dy/dx = sign(x)} (0 at 0).
 *
 * <pre>{@code
 * Tensor y = Abs.apply(x);   // same as x.abs()
 * }</pre>
 */
public final class Abs extends Elementwise {
    private Abs() {
    }

    /**
     * @param x the input
     * @return |x|, elementwise
     */
    public static Tensor apply(Tensor x) {
        return new Abs().run(x);
    }

    @Override
    protected double f(double x) {
        return Math.abs(x);
    }

    @Override
    protected double df(double x, double y) {
        return Math.signum(x);
    }
}
