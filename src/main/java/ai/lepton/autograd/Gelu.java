package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Gaussian error linear unit, exact form (Keras 3's default {@code approximate=False}):
 * {@code y = x Φ(x)} with the standard normal CDF {@code Φ(x) = erfc(-x / sqrt 2) / 2};
 * {@code dy/dx = Φ(x) + x φ(x)} with the density {@code φ(x) = e^(-x^2/2) / sqrt(2 pi)}.
 *
 * <pre>{@code
 * Tensor y = Gelu.apply(x);   // same as Activations.get("gelu").apply(x)
 * }</pre>
 */
public final class Gelu extends Elementwise {
    private static final double SQRT_2 = Math.sqrt(2.0);
    private static final double ONE_OVER_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private Gelu() {
    }

    /**
     * @param x the input
     * @return x Φ(x), elementwise, same shape
     */
    public static Tensor apply(Tensor x) {
        return new Gelu().run(x);
    }

    @Override
    protected double f(double x) {
        return x * cdf(x);
    }

    @Override
    protected double df(double x, double y) {
        return cdf(x) + x * ONE_OVER_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** Φ(x) through erfc, which stays accurate for very negative x where 1 + erf would cancel. */
    private static double cdf(double x) {
        return 0.5 * ErrorFunction.erfc(-x / SQRT_2);
    }
}
