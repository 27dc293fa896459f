package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * The tensor with one axis in reverse order, {@code y[..., i, ...] = x[..., n - 1 - i, ...]}
 * (Keras's {@code ops.flip}); the gradient is the output's gradient flipped back.
 *
 * <pre>{@code
 * Tensor sequences = Tensor.randn(0, 8, 20, 3);
 * Tensor reversed = Flip.apply(sequences, 1);   // (batch, steps, features), steps reversed
 * }</pre>
 */
public final class Flip extends Op {
    private final AxisView view;

    private Flip(AxisView view) {
        this.view = view;
    }

    /**
     * @param x the tensor
     * @param axis the axis to reverse; negative counts from the end
     * @return the flipped tensor, of x's shape
     */
    public static Tensor apply(Tensor x, int axis) {
        AxisView view = new AxisView("flip", shape(x), axis);
        return new Flip(view).output(flip(data(x), view), shape(x), x);
    }

    private static double[] flip(double[] v, AxisView view) {
        double[] y = newArray(v.length);
        for (int o = 0; o < view.outer; o++) {
            for (int j = 0; j < view.n; j++) {
                System.arraycopy(v, view.at(o, view.n - 1 - j, 0), y, view.at(o, j, 0), view.inner);
            }
        }
        return y;
    }

    @Override
    protected double[][] backward(double[] g) {
        return new double[][] {flip(g, view)};
    }
}
