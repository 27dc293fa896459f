package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Power with a constant exponent, {@code y = x^p}; {@code dy/dx = p x^(p-1)}, and 0 for {@code p = 0}
 * (where the formula would give {@code 0 * x^-1}, NaN at {@code x = 0}).
 *
 * <pre>{@code
 * Tensor y = Pow.apply(x, 2.0);   // same as x.pow(2.0)
 * }</pre>
 */
public final class Pow extends Elementwise {
    private final double exponent;

    private Pow(double exponent) {
        this.exponent = exponent;
    }

    /**
     * @param x the base
     * @param exponent the constant exponent p
     * @return x^p, elementwise
     */
    public static Tensor apply(Tensor x, double exponent) {
        return new Pow(exponent).run(x);
    }

    @Override
    protected double f(double x) {
        return Math.pow(x, exponent);
    }

    @Override
    protected double df(double x, double y) {
        return exponent == 0.0 ? 0.0 : exponent * Math.pow(x, exponent - 1.0);
    }
}
