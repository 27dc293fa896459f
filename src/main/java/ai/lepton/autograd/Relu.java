package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Rectified linear unit, {@code y = max(x, 0)}; {@code dy/dx = 1} for {@code x > 0}, else 0.
 *
 * <pre>{@code
 * Tensor y = Relu.apply(x);   // same as x.relu()
 * }</pre>
 */
public final class Relu extends Elementwise {
    private Relu() {
    }

    /**
     * @param x the input
     * @return max(x, 0), elementwise
     */
    public static Tensor apply(Tensor x) {
        return new Relu().run(x);
    }

    @Override
    protected double f(double x) {
        return Math.max(x, 0.0);
    }

    @Override
    protected double df(double x, double y) {
        return x > 0 ? 1.0 : 0.0;
    }
}
