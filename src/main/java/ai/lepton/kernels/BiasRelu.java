package ai.lepton.kernels;

/**
 * The epilogue of a dense or convolution layer, fused into one pass over its GEMM output:
 * {@code y[r][j] = max(y[r][j] + bias[j], 0)} (or without the bias, or without the max), and the
 * matching backward step {@code dz = g · [y > 0]}.
 *
 * <p>Both loops are branch-free so that HotSpot vectorizes them: {@code Math.max} compiles to a
 * SIMD max, while a {@code ?:} on data-dependent signs mispredicts and ran ~20× slower here.
 *
 * <pre>{@code
 * BiasRelu.forward(y, rows, cols, bias, true);      // y = relu(y + bias), in place
 * BiasRelu.backward(g, y, dz, rows * cols);          // dz = g where y > 0, else 0
 * }</pre>
 */
public final class BiasRelu {

    /**
     * Scales a positive rectified value to at least 1 (then clamped to exactly 1) and leaves 0 at
     * 0: 2^600 twice, because the smallest positive double is 2^-1074 and one factor cannot
     * exceed 2^1023.
     */
    private static final double HALF_SCALE = 0x1p600;

    private BiasRelu() {
    }

    /**
     * y = y + bias (each row) and then, if {@code relu}, y = max(y, 0); in place.
     *
     * @param y    a rows×cols row-major matrix (modified)
     * @param rows number of rows
     * @param cols number of columns, the bias's length
     * @param bias one value per column (not modified), or {@code null} for none
     * @param relu whether to rectify
     */
    public static void forward(double[] y, int rows, int cols, double[] bias, boolean relu) {
        if (bias != null && relu) {
            for (int r = 0, o = 0; r < rows; r++, o += cols) {
                for (int j = 0; j < cols; j++) {
                    y[o + j] = Math.max(y[o + j] + bias[j], 0.0);
                }
            }
        } else if (bias != null) {
            for (int r = 0, o = 0; r < rows; r++, o += cols) {
                for (int j = 0; j < cols; j++) {
                    y[o + j] += bias[j];
                }
            }
        } else if (relu) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                y[i] = Math.max(y[i], 0.0);
            }
        }
    }

    /**
     * dz = g where y &gt; 0, and 0 where y = 0: the gradient through {@code y = max(z, 0)}, read
     * from the output (y &gt; 0 exactly when z &gt; 0).
     *
     * <p>Computed as {@code g · min(y·2^600·2^600, 1)}, which is exactly g or exactly 0 for finite
     * g and y ≥ 0. It differs from a branch only where something is already infinite or NaN (an
     * infinite g at a dead unit gives NaN instead of 0), which a diverged training run shows anyway.
     *
     * @param g  the gradient of y (not modified)
     * @param y  the rectified output, every element ≥ 0 or NaN (not modified)
     * @param dz the gradient of z (modified: the first n elements overwritten); may be {@code g}
     * @param n  number of elements
     */
    public static void backward(double[] g, double[] y, double[] dz, int n) {
        for (int i = 0; i < n; i++) {
            dz[i] = g[i] * Math.min(y[i] * HALF_SCALE * HALF_SCALE, 1.0);
        }
    }

    /**
     * Sums each column of a rows×cols matrix (the bias gradient), adding rows in order.
     *
     * @param g    the matrix (not modified)
     * @param rows number of rows
     * @param cols number of columns
     * @return a new array of cols sums
     */
    public static double[] columnSums(double[] g, int rows, int cols) {
        double[] sums = new double[cols];
        for (int r = 0, o = 0; r < rows; r++, o += cols) {
            for (int j = 0; j < cols; j++) {
                sums[j] += g[o + j];
            }
        }
        return sums;
    }
}
