package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Exponential linear unit with Keras's {@code alpha = 1}: {@code y = x} for {@code x > 0}, else
 * {@code alpha (e^x - 1)}; {@code dy/dx = 1} for {@code x > 0}, else {@code y + alpha}.
 *
 * <pre>{@code
 * Tensor y = Elu.apply(x);   // same as Activations.get("elu").apply(x)
 * }</pre>
 */
public final class Elu extends Elementwise {
    private static final double ALPHA = 1.0;

    private Elu() {
    }

    /**
     * @param x the input
     * @return elu(x), elementwise, same shape
     */
    public static Tensor apply(Tensor x) {
        return new Elu().run(x);
    }

    @Override
    protected double f(double x) {
        return x > 0 ? x : ALPHA * Math.expm1(x);
    }

    @Override
    protected double df(double x, double y) {
        return x > 0 ? 1.0 : y + ALPHA;
    }
}
