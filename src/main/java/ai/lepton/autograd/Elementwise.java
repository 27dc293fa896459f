package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Base of the ops that apply one function {@code y = f(x)} to every element: a subclass gives
 * {@code f} and its derivative, and this class runs both loops. The chain rule here is
 * {@code dx = g * f'(x)}, with {@code f'} allowed to use {@code y} when that is cheaper
 * (e.g. {@code exp}, {@code sigmoid}).
 *
 * <pre>{@code
 * public final class Exp extends Elementwise {
 *     protected double f(double x) { return Math.exp(x); }
 *     protected double df(double x, double y) { return y; }
 * }
 * }</pre>
 */
public abstract class Elementwise extends Op {
    private double[] x;
    private double[] y;

    /** For subclasses. */
    protected Elementwise() {
    }

    /**
     * @param x an input value
     * @return f(x)
     */
    protected abstract double f(double x);

    /**
     * @param x an input value
     * @param y f(x)
     * @return f'(x)
     */
    protected abstract double df(double x, double y);

    /**
     * Computes {@code f} over every element of {@code input} and records this op.
     *
     * @param input the tensor
     * @return a tensor of the same shape
     */
    protected final Tensor run(Tensor input) {
        x = data(input);
        y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f(x[i]);
        }
        return output(y, shape(input), input);
    }

    @Override
    protected final double[][] backward(double[] gradOut) {
        double[] dx = new double[gradOut.length];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = gradOut[i] * df(x[i], y[i]);
        }
        return new double[][] {dx};
    }
}
