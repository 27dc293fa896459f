package ai.lepton.autograd;

import ai.lepton.kernels.BoxCopy;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * A box cut out of a tensor: {@code y[i] = x[start + i]} for every index {@code i} within
 * {@code size}, as NumPy's slicing {@code x[s0:s0+n0, s1:s1+n1, ...]}. The gradient is the
 * output's gradient placed back in the box, zero elsewhere.
 *
 * <pre>{@code
 * Tensor centre = Crop.apply(images, new int[] {0, 2, 2, 0}, new int[] {32, 24, 24, 1});   // (32, 28, 28, 1) -> (32, 24, 24, 1)
 * }</pre>
 */
public final class Crop extends Op {
    private final int[] inShape;
    private final int[] start;
    private final int[] size;

    private Crop(int[] inShape, int[] start, int[] size) {
        this.inShape = inShape;
        this.start = start;
        this.size = size;
    }

    /**
     * @param x the tensor
     * @param start the box's first index, one per axis
     * @param size the box's dimensions, one per axis, each positive
     * @return the box, of shape {@code size}
     * @throws ShapeException if the box does not lie inside x
     */
    public static Tensor apply(Tensor x, int[] start, int[] size) {
        int[] in = shape(x);
        boolean inside = start.length == in.length && size.length == in.length;
        for (int d = 0; inside && d < in.length; d++) {
            inside = start[d] >= 0 && size[d] > 0 && (long) start[d] + size[d] <= in[d];
        }
        if (!inside) {
            throw ShapeException.of("crop", in, "the box at " + Arrays.toString(start) + " of size " + Arrays.toString(size)
                    + " does not lie inside it");
        }
        double[] y = newArray(Shapes.size(size));
        BoxCopy.copy(data(x), in, start, y, size, new int[in.length], size);
        return new Crop(in.clone(), start.clone(), size.clone()).output(y, size, x);
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] dx = newArray(Shapes.size(inShape));
        Arrays.fill(dx, 0.0);
        BoxCopy.copy(g, size, new int[size.length], dx, inShape, start, size);
        return new double[][] {dx};
    }
}
