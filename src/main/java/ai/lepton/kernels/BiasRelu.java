package ai.lepton.kernels;

/**
 * The epilogue of a dense or convolution layer, fused into one pass over its GEMM output:
 * {@code y[r][j] = max(y[r][j] + bias[j], 0)} (or without the bias, or without the max), and the
 * matching backward step {@code dz = g · [y > 0]} with the bias gradient's column sums.
 *
 * <p>The loops ({@link BiasReluLoops}) are branch-free and run on the Vector API when it is
 * present: {@code Math.max} is a SIMD max, while a {@code ?:} on data-dependent signs
 * mispredicts about every other time.
 *
 * <pre>{@code
 * BiasRelu.forward(y, 0, rows, cols, bias, true);         // y = relu(y + bias), in place
 * BiasRelu.backward(g, 0, y, 0, dz, 0, rows, cols, dBias, 0);   // dz = g where y > 0, else 0;
 *                                                          // dBias = column sums of dz
 * BiasRelu.columnSums(g, 0, rows, cols, dBias, 0);        // the bias gradient without a ReLU
 * }</pre>
 */
public final class BiasRelu {

    /**
     * Scales a positive rectified value to at least 1 (then clamped to exactly 1) and leaves 0 at
     * 0: 2^600 twice, because the smallest positive double is 2^-1074 and one factor cannot
     * exceed 2^1023.
     */
    static final double HALF_SCALE = 0x1p600;

    /** The loops, on the Vector API when the GEMM is. */
    private static final BiasReluLoops LOOPS = BiasReluLoops.SELECTED;

    private BiasRelu() {
    }

    /**
     * y = y + bias (each row) and then, if {@code relu}, y = max(y, 0); in place.
     *
     * @param y    a rows×cols row-major matrix from {@code off} (modified)
     * @param off  index of the matrix's first element
     * @param rows number of rows
     * @param cols number of columns, the bias's length
     * @param bias one value per column (not modified), or {@code null} for none
     * @param relu whether to rectify
     */
    public static void forward(double[] y, int off, int rows, int cols, double[] bias, boolean relu) {
        forward(y, off, cols, rows, cols, bias, 0, relu);
    }

    /**
     * {@link #forward(double[], int, int, int, double[], boolean)} on a block of a larger matrix:
     * rows {@code ld} apart, and the block's first column using {@code bias[biasOff]}.
     */
    static void forward(double[] y, int off, int ld, int rows, int cols, double[] bias, int biasOff, boolean relu) {
        LOOPS.biasRelu(y, off, ld, rows, cols, bias, biasOff, relu);
    }

    /**
     * dz = g where y &gt; 0, and 0 where y = 0: the gradient through {@code y = max(z, 0)}, read
     * from the output (y &gt; 0 exactly when z &gt; 0); with {@code sums}, also the column sums of
     * dz (the bias gradient) in the same pass, adding rows in order as {@link #columnSums} does.
     *
     * <p>Computed as {@code g · min(y·2^600·2^600, 1)}, which is exactly g or exactly 0 for finite
     * g and y ≥ 0. It differs from a branch only where something is already infinite or NaN (an
     * infinite g at a dead unit gives NaN instead of 0), which a diverged training run shows anyway.
     *
     * @param g       the gradient of y, a rows×cols row-major matrix from {@code gOff} (not modified)
     * @param gOff    index of g's first element
     * @param y       the rectified output, same layout from {@code yOff}, every element ≥ 0 or NaN
     *                (not modified)
     * @param yOff    index of y's first element
     * @param dz      the gradient of z (modified: rows·cols elements from {@code dzOff} overwritten);
     *                may be {@code g}
     * @param dzOff   index of dz's first element
     * @param rows    number of rows
     * @param cols    number of columns
     * @param sums    the column sums of dz (modified: cols elements from {@code sumsOff}
     *                overwritten), or {@code null} for none
     * @param sumsOff index of the first sum
     */
    public static void backward(double[] g, int gOff, double[] y, int yOff, double[] dz, int dzOff,
                                int rows, int cols, double[] sums, int sumsOff) {
        LOOPS.reluMask(g, gOff, y, yOff, dz, dzOff, rows, cols, sums, sumsOff);
    }

    /**
     * Sums each column of a rows×cols matrix (the bias gradient), adding rows in order.
     *
     * @param g       the matrix, row-major from {@code off} (not modified)
     * @param off     index of the matrix's first element
     * @param rows    number of rows
     * @param cols    number of columns
     * @param sums    the column sums (modified: cols elements from {@code sumsOff} overwritten)
     * @param sumsOff index of the first sum
     */
    public static void columnSums(double[] g, int off, int rows, int cols, double[] sums, int sumsOff) {
        LOOPS.columnSums(g, off, rows, cols, sums, sumsOff);
    }
}
