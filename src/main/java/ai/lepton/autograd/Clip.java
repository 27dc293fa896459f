package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Limits every element to a range, as Keras's {@code ops.clip}:
 * {@code y = min(max(x, low), high)}. The gradient passes where {@code low <= x <= high} and is
 * zero where the value was clipped.
 *
 * <pre>{@code
 * Tensor pixels = Clip.apply(images.mul(300), 0, 255);   // values in [0, 255]
 * }</pre>
 */
public final class Clip extends Op {
    private final double[] x;
    private final double low;
    private final double high;

    private Clip(double[] x, double low, double high) {
        this.x = x;
        this.low = low;
        this.high = high;
    }

    /**
     * @param t the tensor
     * @param low the smallest value kept
     * @param high the largest value kept, at least {@code low}
     * @return the clipped tensor
     * @throws IllegalArgumentException if {@code low > high} or either is NaN
     */
    public static Tensor apply(Tensor t, double low, double high) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("clip: the range must have low <= high. Received: (" + low + ", " + high + ")");
        }
        double[] in = data(t);
        double[] y = newArray(in.length);
        for (int i = 0; i < in.length; i++) {
            y[i] = Math.min(Math.max(in[i], low), high);
        }
        return new Clip(in, low, high).output(y, shape(t), t);
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] dx = newArray(g.length);
        for (int i = 0; i < g.length; i++) {
            dx[i] = x[i] >= low && x[i] <= high ? g[i] : 0.0;
        }
        return new double[][] {dx};
    }
}
