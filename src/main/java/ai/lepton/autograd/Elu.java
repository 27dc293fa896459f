package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Exponential linear unit: {@code y = x} for {@code x > 0}, else {@code alpha (e^x - 1)}, with
 * Keras's default {@code alpha = 1}; {@code dy/dx = 1} for {@code x > 0}, else {@code y + alpha}.
 *
 * <pre>{@code
 * Tensor y = Elu.apply(x);        // same as Activations.get("elu").apply(x)
 * Tensor z = Elu.apply(x, 0.5);   // alpha 0.5, as the ELU layer's
 * }</pre>
 */
public final class Elu extends Elementwise {
    /** Keras's default {@code alpha}. */
    public static final double DEFAULT_ALPHA = 1.0;

    private final double alpha;

    private Elu(double alpha) {
        this.alpha = alpha;
    }

    /**
     * @param x the input
     * @return elu(x) with alpha {@value #DEFAULT_ALPHA}, elementwise, same shape
     */
    public static Tensor apply(Tensor x) {
        return apply(x, DEFAULT_ALPHA);
    }

    /**
     * @param x the input
     * @param alpha the scale of the negative part
     * @return elu(x), elementwise, same shape
     */
    public static Tensor apply(Tensor x, double alpha) {
        return new Elu(alpha).run(x);
    }

    @Override
    protected double f(double x) {
        return x > 0 ? x : alpha * Math.expm1(x);
    }

    @Override
    protected double df(double x, double y) {
        return x > 0 ? 1.0 : y + alpha;
    }
}
