package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Softsign, {@code y = x / (1 + |x|)}; {@code dy/dx = 1 / (1 + |x|)^2}.
 *
 * <pre>{@code
 * Tensor y = Softsign.apply(x);   // same as Activations.get("softsign").apply(x)
 * }</pre>
 */
public final class Softsign extends Elementwise {
    private Softsign() {
    }

    /**
     * @param x the input
     * @return x / (1 + |x|), elementwise, same shape
     */
    public static Tensor apply(Tensor x) {
        return new Softsign().run(x);
    }

    @Override
    protected double f(double x) {
        return x / (1.0 + Math.abs(x));
    }

    @Override
    protected double df(double x, double y) {
        double d = 1.0 + Math.abs(x);
        return 1.0 / (d * d);
    }
}
