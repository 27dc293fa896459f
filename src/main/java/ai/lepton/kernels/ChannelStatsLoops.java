package ai.lepton.kernels;

/**
 * The channels-last loops of {@link ChannelStats}, over a block of {@code rows} rows of
 * {@code cols} channels from index {@code off} of each big array (rows are {@code cols} apart).
 * Two implementations give the same bits: {@link ScalarChannelStatsLoops} and
 * {@link VectorChannelStatsLoops}, each element computed with the same operations in the same
 * order (no fused multiply-add) and the rows added in order.
 */
interface ChannelStatsLoops {

    /** The implementation in use: on the Vector API when {@link Gemm} is. */
    ChannelStatsLoops SELECTED = Gemm.usesVectorApi() ? new VectorChannelStatsLoops() : ScalarChannelStatsLoops.INSTANCE;

    /** {@code s[c] += x[r][c]} and {@code q[c] += x[r][c] * x[r][c]}, rows in order. */
    void sums(double[] x, int off, int rows, int cols, double[] s, double[] q);

    /** {@code y[r][c] = x[r][c] * a[c] + b[c]}. */
    void scaleShift(double[] x, int off, int rows, int cols, double[] a, double[] b, double[] y);

    /** {@code sg[c] += g[r][c]} and {@code sgx[c] += g[r][c] * (x[r][c] - mean[c])}, rows in order. */
    void gradientSums(double[] g, double[] x, int off, int rows, int cols, double[] mean, double[] sg, double[] sgx);

    /** {@code dx[r][c] = (a[c] * g[r][c] + b[c] * x[r][c]) + k[c]}. */
    void inputGradient(double[] g, double[] x, int off, int rows, int cols, double[] a, double[] b, double[] k, double[] dx);
}
