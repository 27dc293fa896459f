package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Square root, {@code y = sqrt(x)}; {@code dy/dx = 1 / (2y)}.
 *
 * <pre>{@code
 * Tensor y = Sqrt.apply(x);   // same as x.sqrt()
 * }</pre>
 */
public final class Sqrt extends Elementwise {
    private Sqrt() {
    }

    /**
     * @param x the input
     * @return sqrt x, elementwise
     */
    public static Tensor apply(Tensor x) {
        return new Sqrt().run(x);
    }

    @Override
    protected double f(double x) {
        return Math.sqrt(x);
    }

    @Override
    protected double df(double x, double y) {
        return 0.5 / y;
    }
}
