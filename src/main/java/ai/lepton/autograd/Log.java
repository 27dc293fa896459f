package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Natural logarithm, {@code y = ln x}; {@code dy/dx = 1/x}.
 *
 * <pre>{@code
 * Tensor y = Log.apply(x);   // same as x.log()
 * }</pre>
 */
public final class Log extends Elementwise {
    private Log() {
    }

    /**
     * @param x the input
     * @return ln x, elementwise
     */
    public static Tensor apply(Tensor x) {
        return new Log().run(x);
    }

    @Override
    protected double f(double x) {
        return Math.log(x);
    }

    @Override
    protected double df(double x, double y) {
        return 1.0 / x;
    }
}
