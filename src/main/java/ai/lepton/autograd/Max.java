package ai.lepton.autograd;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;

/**
 * Maximum along one axis; the gradient flows only to the first maximal element of each slice.
 * A NaN in a slice makes its maximum NaN and takes the gradient (the first NaN), as NumPy's and
 * PyTorch's {@code max} do.
 *
 * <pre>{@code
 * Tensor m = Max.apply(x, 1, true);   // same as x.max(1, true)
 * }</pre>
 */
public final class Max extends Op {
    private final int[] winners;
    private final int size;

    private Max(int[] winners, int size) {
        this.winners = winners;
        this.size = size;
    }

    /**
     * @param x the tensor
     * @param axis the axis to reduce; negative counts from the end
     * @param keepDims whether to keep the axis with size 1
     * @return the maxima
     * @throws ShapeException if the axis is empty
     */
    public static Tensor apply(Tensor x, int axis, boolean keepDims) {
        AxisView v = new AxisView("max", shape(x), axis);
        if (v.n == 0) {
            throw ShapeException.of("max", shape(x), "axis " + axis + " is empty");
        }
        double[] in = data(x);
        double[] out = new double[v.outer * v.inner];
        int[] winners = new int[out.length];
        for (int o = 0; o < v.outer; o++) {
            for (int i = 0; i < v.inner; i++) {
                int best = v.at(o, 0, i);
                for (int j = 1; j < v.n; j++) {
                    int k = v.at(o, j, i);
                    if (in[k] > in[best] || Double.isNaN(in[k]) && !Double.isNaN(in[best])) {
                        best = k;
                    }
                }
                out[v.reduced(o, i)] = in[best];
                winners[v.reduced(o, i)] = best;
            }
        }
        return new Max(winners, x.size()).output(out, Shapes.reduce(shape(x), v.axis, keepDims), x);
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] dx = new double[size];
        for (int r = 0; r < winners.length; r++) {
            dx[winners[r]] += g[r];
        }
        return new double[][] {dx};
    }
}
