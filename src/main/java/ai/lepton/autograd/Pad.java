package ai.lepton.autograd;

import ai.lepton.kernels.BoxCopy;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * Zero padding: {@code pads[d] = {before, after}} zeros are added on each side of axis {@code d}
 * ({@code y[i + before] = x[i]}, zero elsewhere), as NumPy's {@code pad} with constant zeros. The
 * gradient is the output's gradient cropped back to the input's box.
 *
 * <pre>{@code
 * Tensor y = Pad.apply(images, new int[][] {{0, 0}, {1, 1}, {2, 2}, {0, 0}});   // (n, h+2, w+4, c)
 * }</pre>
 */
public final class Pad extends Op {
    private final int[] inShape;
    private final int[] outShape;
    private final int[] start;

    private Pad(int[] inShape, int[] outShape, int[] start) {
        this.inShape = inShape;
        this.outShape = outShape;
        this.start = start;
    }

    /**
     * @param x the tensor
     * @param pads one {@code {before, after}} pair of non-negative counts per axis of x
     * @return the padded tensor
     * @throws ShapeException if there is not one pair per axis or a count is negative
     */
    public static Tensor apply(Tensor x, int[][] pads) {
        int[] in = shape(x);
        if (pads.length != in.length) {
            throw ShapeException.of("pad", in, "needs one (before, after) pair per axis, received " + pads.length);
        }
        int[] out = new int[in.length];
        int[] start = new int[in.length];
        for (int d = 0; d < in.length; d++) {
            if (pads[d].length != 2 || pads[d][0] < 0 || pads[d][1] < 0) {
                throw ShapeException.of("pad", in, "padding must be non-negative (before, after) pairs, received "
                        + Arrays.deepToString(pads));
            }
            start[d] = pads[d][0];
            out[d] = Math.addExact(Math.addExact(in[d], pads[d][0]), pads[d][1]);
        }
        double[] y = newArray(Shapes.size(out));
        Arrays.fill(y, 0.0);
        BoxCopy.copy(data(x), in, new int[in.length], y, out, start, in);
        return new Pad(in.clone(), out, start).output(y, out, x);
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] dx = newArray(Shapes.size(inShape));
        BoxCopy.copy(g, outShape, start, dx, inShape, new int[inShape.length], inShape);
        return new double[][] {dx};
    }
}
