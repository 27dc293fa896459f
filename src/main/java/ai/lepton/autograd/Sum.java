package ai.lepton.autograd;

import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * Sum over all elements or along one axis; the gradient copies the output's gradient back to
 * every element that was summed.
 *
 * <pre>{@code
 * Tensor total = Sum.all(x);                 // same as x.sum()
 * Tensor rows = Sum.along(x, -1, false);     // same as x.sum(-1, false)
 * }</pre>
 */
public final class Sum extends Op {
    private final AxisView view;
    private final int size;

    private Sum(AxisView view, int size) {
        this.view = view;
        this.size = size;
    }

    /**
     * @param x the tensor
     * @return the sum of all its elements, as a scalar tensor
     */
    public static Tensor all(Tensor x) {
        double s = 0;
        for (double v : data(x)) {
            s += v;
        }
        return new Sum(null, x.size()).output(new double[] {s}, new int[0], x);
    }

    /**
     * @param x the tensor
     * @param axis the axis to sum; negative counts from the end
     * @param keepDims whether to keep the axis with size 1
     * @return the sums
     */
    public static Tensor along(Tensor x, int axis, boolean keepDims) {
        AxisView v = new AxisView("sum", shape(x), axis);
        double[] in = data(x);
        double[] out = new double[v.outer * v.inner];
        for (int o = 0; o < v.outer; o++) {
            for (int j = 0; j < v.n; j++) {
                for (int i = 0; i < v.inner; i++) {
                    out[v.reduced(o, i)] += in[v.at(o, j, i)];
                }
            }
        }
        return new Sum(v, x.size()).output(out, Shapes.reduce(shape(x), v.axis, keepDims), x);
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] dx = new double[size];
        if (view == null) {
            Arrays.fill(dx, g[0]);
        } else {
            for (int o = 0; o < view.outer; o++) {
                for (int j = 0; j < view.n; j++) {
                    System.arraycopy(g, view.reduced(o, 0), dx, view.at(o, j, 0), view.inner);
                }
            }
        }
        return new double[][] {dx};
    }
}
