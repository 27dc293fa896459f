package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Leaky rectified linear unit, {@code y = x} for {@code x > 0}, else {@code slope * x};
 * {@code dy/dx = 1} for {@code x > 0}, else {@code slope}. Keras 3's default slope is 0.2.
 *
 * <pre>{@code
 * Tensor y = LeakyRelu.apply(x);         // negative slope 0.2
 * Tensor z = LeakyRelu.apply(x, 0.01);   // negative slope 0.01
 * }</pre>
 */
public final class LeakyRelu extends Elementwise {
    /** Keras 3's default {@code negative_slope}. */
    public static final double DEFAULT_NEGATIVE_SLOPE = 0.2;

    private final double negativeSlope;

    private LeakyRelu(double negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    /**
     * @param x the input
     * @return leaky_relu(x) with slope {@value #DEFAULT_NEGATIVE_SLOPE}, elementwise, same shape
     */
    public static Tensor apply(Tensor x) {
        return apply(x, DEFAULT_NEGATIVE_SLOPE);
    }

    /**
     * @param x the input
     * @param negativeSlope the slope for {@code x <= 0}
     * @return leaky_relu(x), elementwise, same shape
     */
    public static Tensor apply(Tensor x, double negativeSlope) {
        return new LeakyRelu(negativeSlope).run(x);
    }

    @Override
    protected double f(double x) {
        return x > 0 ? x : negativeSlope * x;
    }

    @Override
    protected double df(double x, double y) {
        return x > 0 ? 1.0 : negativeSlope;
    }
}
