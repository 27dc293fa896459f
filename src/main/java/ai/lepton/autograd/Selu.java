package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Scaled exponential linear unit with Keras's constants: {@code y = scale * x} for {@code x > 0},
 * else {@code scale * alpha (e^x - 1)}; {@code dy/dx = scale} for {@code x > 0}, else
 * {@code y + scale * alpha}.
 *
 * <pre>{@code
 * Tensor y = Selu.apply(x);   // same as Activations.get("selu").apply(x)
 * }</pre>
 */
public final class Selu extends Elementwise {
    /** Keras's {@code alpha} (Klambauer et al., 2017). */
    public static final double ALPHA = 1.67326324235437728481704299167;
    /** Keras's {@code scale} (Klambauer et al., 2017). */
    public static final double SCALE = 1.05070098735548049341933498529;

    private Selu() {
    }

    /**
     * @param x the input
     * @return selu(x), elementwise, same shape
     */
    public static Tensor apply(Tensor x) {
        return new Selu().run(x);
    }

    @Override
    protected double f(double x) {
        return x > 0 ? SCALE * x : SCALE * ALPHA * Math.expm1(x);
    }

    @Override
    protected double df(double x, double y) {
        return x > 0 ? SCALE : y + SCALE * ALPHA;
    }
}
