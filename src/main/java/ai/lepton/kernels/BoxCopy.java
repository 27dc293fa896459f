package ai.lepton.kernels;

/**
 * Copies a box (a sub-array with the same extent in both) from one row-major array into
 * another of the same rank: the forward and backward passes of padding and cropping.
 *
 * <pre>{@code
 * double[] src = new double[16];
 * double[] dst = new double[4];
 * // the 2 x 2 block at (1, 1) of a 4 x 4 array into a 2 x 2 array
 * BoxCopy.copy(src, new int[] {4, 4}, new int[] {1, 1}, dst, new int[] {2, 2}, new int[] {0, 0}, new int[] {2, 2});
 * }</pre>
 */
public final class BoxCopy {
    private BoxCopy() {
    }

    /**
     * Copies {@code src[srcStart + i] -> dst[dstStart + i]} for every index {@code i} within
     * {@code extent}; elements of {@code dst} outside the box are left as they are. Rows along the
     * last axis move with {@link System#arraycopy}.
     *
     * @param src the source (not modified)
     * @param srcShape its dimensions
     * @param srcStart the box's first index in the source
     * @param dst the destination (modified inside the box)
     * @param dstShape its dimensions, of the same rank
     * @param dstStart the box's first index in the destination
     * @param extent the box's dimensions; the box must lie inside both arrays
     */
    public static void copy(double[] src, int[] srcShape, int[] srcStart, double[] dst, int[] dstShape, int[] dstStart,
            int[] extent) {
        int rank = extent.length;
        int rows = 1;
        for (int d = 0; d < rank - 1; d++) {
            rows *= extent[d];
        }
        int run = rank == 0 ? 1 : extent[rank - 1];
        if (rows == 0 || run == 0) {
            return;
        }
        int[] srcStride = strides(srcShape);
        int[] dstStride = strides(dstShape);
        int[] index = new int[Math.max(rank - 1, 0)];
        for (int r = 0; r < rows; r++) {
            int s = 0;
            int t = 0;
            for (int d = 0; d < rank; d++) {
                int i = d < rank - 1 ? index[d] : 0;
                s += (srcStart[d] + i) * srcStride[d];
                t += (dstStart[d] + i) * dstStride[d];
            }
            System.arraycopy(src, s, dst, t, run);
            for (int d = rank - 2; d >= 0; d--) {
                if (++index[d] < extent[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
    }

    private static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int step = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = step;
            step *= shape[d];
        }
        return s;
    }
}
