package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Log-softmax along an axis, {@code y_j = x_j - m - log sum_k e^(x_k - m)} with
 * {@code m = max_k x_k}: stable for inputs of any size. Backward:
 * {@code dx_j = g_j - e^(y_j) sum_k g_k}.
 *
 * <pre>{@code
 * Tensor logp = LogSoftmax.apply(logits, -1);   // same as logits.logSoftmax(-1)
 * }</pre>
 */
public final class LogSoftmax extends Op {
    private final AxisView view;
    private final double[] y;

    private LogSoftmax(AxisView view, double[] y) {
        this.view = view;
        this.y = y;
    }

    /**
     * @param x the tensor
     * @param axis the axis; negative counts from the end
     * @return log-probabilities along the axis, same shape as {@code x}
     */
    public static Tensor apply(Tensor x, int axis) {
        AxisView v = new AxisView("logSoftmax", shape(x), axis);
        double[] y = compute(data(x), v);
        return new LogSoftmax(v, y).output(y, shape(x), x);
    }

    /** The log-softmax values of {@code x} along the view's axis, in a new array. */
    static double[] compute(double[] x, AxisView v) {
        double[] y = new double[x.length];
        for (int o = 0; o < v.outer; o++) {
            for (int i = 0; i < v.inner; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < v.n; j++) {
                    max = Math.max(max, x[v.at(o, j, i)]);
                }
                double sum = 0;
                for (int j = 0; j < v.n; j++) {
                    sum += Math.exp(x[v.at(o, j, i)] - max);
                }
                double logSum = max + Math.log(sum);
                for (int j = 0; j < v.n; j++) {
                    int k = v.at(o, j, i);
                    y[k] = x[k] - logSum;
                }
            }
        }
        return y;
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] dx = new double[g.length];
        for (int o = 0; o < view.outer; o++) {
            for (int i = 0; i < view.inner; i++) {
                double sum = 0;
                for (int j = 0; j < view.n; j++) {
                    sum += g[view.at(o, j, i)];
                }
                for (int j = 0; j < view.n; j++) {
                    int k = view.at(o, j, i);
                    dx[k] = g[k] - Math.exp(y[k]) * sum;
                }
            }
        }
        return new double[][] {dx};
    }
}
