package ai.lepton.autograd;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;

/**
 * Repeats each slice along one axis {@code n} times in a row, as NumPy's and Keras's
 * {@code repeat(x, n, axis)}: {@code y[..., i * n + r, ...] = x[..., i, ...]} for
 * {@code r < n}. The gradient of a slice is the sum of the gradients of its {@code n} copies.
 *
 * <pre>{@code
 * Tensor sequence = Tensor.randn(0, 2, 5, 8);
 * Tensor longer = Repeat.apply(sequence, 2, 1);   // (2, 5, 8) -> (2, 10, 8)
 * }</pre>
 */
public final class Repeat extends Op {
    private final int outer;
    private final int length;
    private final int inner;
    private final int n;

    private Repeat(int outer, int length, int inner, int n) {
        this.outer = outer;
        this.length = length;
        this.inner = inner;
        this.n = n;
    }

    /**
     * @param x the tensor
     * @param n how many times each slice appears, positive
     * @param axis the axis to repeat along; negative counts from the end
     * @return the tensor with {@code n} times as many slices along {@code axis}
     * @throws ShapeException if the axis is out of range
     * @throws IllegalArgumentException if {@code n} is not positive
     */
    public static Tensor apply(Tensor x, int n, int axis) {
        if (n < 1) {
            throw new IllegalArgumentException("repeat: repeats must be a positive integer. Received: repeats=" + n);
        }
        int[] in = shape(x);
        int a = Shapes.axis("repeat", in, axis);
        int[] out = in.clone();
        out[a] = Math.multiplyExact(in[a], n);
        int outer = Shapes.product(in, 0, a);
        int inner = Shapes.product(in, a + 1, in.length);
        double[] src = data(x);
        double[] y = newArray(Shapes.size(out));
        int to = 0;
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < in[a]; i++) {
                int from = (o * in[a] + i) * inner;
                for (int r = 0; r < n; r++, to += inner) {
                    System.arraycopy(src, from, y, to, inner);
                }
            }
        }
        return new Repeat(outer, in[a], inner, n).output(y, out, x);
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] dx = newArray(outer * length * inner);
        int from = 0;
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < length; i++) {
                int to = (o * length + i) * inner;
                System.arraycopy(g, from, dx, to, inner);
                from += inner;
                for (int r = 1; r < n; r++, from += inner) {
                    for (int k = 0; k < inner; k++) {
                        dx[to + k] += g[from + k];
                    }
                }
            }
        }
        return new double[][] {dx};
    }
}
