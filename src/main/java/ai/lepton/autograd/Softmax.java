package ai.lepton.autograd;

import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * Softmax along an axis, {@code y_j = e^(x_j - m) / sum_k e^(x_k - m)} with {@code m = max_k x_k},
 * so no exponential overflows. Backward: {@code dx_j = y_j (g_j - sum_k g_k y_k)}. A softmax over
 * the last axis remembers its input, so that cross-entropy can be computed from the logits.
 *
 * <pre>{@code
 * Tensor p = Softmax.apply(logits, -1);   // same as logits.softmax(-1)
 * }</pre>
 */
public final class Softmax extends Op {
    private final AxisView view;
    private final double[] y;

    private Softmax(AxisView view, double[] y) {
        this.view = view;
        this.y = y;
    }

    /**
     * @param x the tensor
     * @param axis the axis; negative counts from the end
     * @return probabilities along the axis, same shape as {@code x}
     */
    public static Tensor apply(Tensor x, int axis) {
        AxisView v = new AxisView("softmax", shape(x), axis);
        double[] y = LogSoftmax.compute(data(x), v);
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.exp(y[i]);
        }
        Tensor out = new Softmax(v, y).output(y, shape(x), x);
        if (v.axis == shape(x).length - 1) {
            Storage.rememberLogits(out, x);
        }
        return out;
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] dx = new double[g.length];
        for (int o = 0; o < view.outer; o++) {
            for (int i = 0; i < view.inner; i++) {
                double dot = 0;
                for (int j = 0; j < view.n; j++) {
                    int k = view.at(o, j, i);
                    dot += g[k] * y[k];
                }
                for (int j = 0; j < view.n; j++) {
                    int k = view.at(o, j, i);
                    dx[k] = y[k] * (g[k] - dot);
                }
            }
        }
        return new double[][] {dx};
    }
}
