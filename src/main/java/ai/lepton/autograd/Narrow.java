package ai.lepton.autograd;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;

/**
 * A contiguous range along one axis, {@code y = x[..., start : start + length, ...]} (PyTorch's
 * {@code narrow}); the gradient is the output's gradient in that range and zeros elsewhere.
 *
 * <pre>{@code
 * Tensor rows = Tensor.randn(0, 2, 10);
 * Tensor left = Narrow.apply(rows, -1, 0, 4);   // (2, 10) -> (2, 4), columns 0..3
 * }</pre>
 */
public final class Narrow extends Op {
    private final int outer;
    private final int inputRow;
    private final int outputRow;
    private final int offset;

    private Narrow(int outer, int inputRow, int outputRow, int offset) {
        this.outer = outer;
        this.inputRow = inputRow;
        this.outputRow = outputRow;
        this.offset = offset;
    }

    /**
     * @param x the tensor
     * @param axis the axis; negative counts from the end
     * @param start the first index kept along it
     * @param length how many indices are kept, at least 1
     * @return the range, with {@code length} along {@code axis}
     * @throws ShapeException if the range is not inside the axis
     */
    public static Tensor apply(Tensor x, int axis, int start, int length) {
        int[] xs = shape(x);
        int a = Shapes.axis("narrow", xs, axis);
        if (start < 0 || length < 1 || start + (long) length > xs[a]) {
            throw ShapeException.of("narrow", xs, "the range [" + start + ", " + ((long) start + length)
                    + ") is not inside axis " + axis + " of length " + xs[a]);
        }
        int outer = Shapes.product(xs, 0, a);
        int inner = Shapes.product(xs, a + 1, xs.length);
        int inputRow = xs[a] * inner;
        int outputRow = length * inner;
        int offset = start * inner;
        double[] in = data(x);
        double[] y = newArray(outer * outputRow);
        for (int o = 0; o < outer; o++) {
            System.arraycopy(in, o * inputRow + offset, y, o * outputRow, outputRow);
        }
        int[] out = xs.clone();
        out[a] = length;
        return new Narrow(outer, inputRow, outputRow, offset).output(y, out, x);
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] dx = new double[outer * inputRow];
        for (int o = 0; o < outer; o++) {
            System.arraycopy(g, o * outputRow, dx, o * inputRow + offset, outputRow);
        }
        return new double[][] {dx};
    }
}
