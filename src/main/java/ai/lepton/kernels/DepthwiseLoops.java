package ai.lepton.kernels;

/**
 * The loops of {@link DepthwiseConvolution} with one filter per channel, over a pixel's
 * channels {@code from} (inclusive) to {@code to} (exclusive). {@link #pixel} sums a list of taps,
 * given as two lists of positions: {@code xs[t]}, the first channel of the pixel read by tap t,
 * and {@code ks[t]}, the first channel of that tap's filters; it serves the forward pass and the
 * input gradient. {@link #rowKernelGradient} sums one tap's kernel gradient along a row of output
 * pixels. Two implementations give the same bits (see the package comment):
 * {@link ScalarDepthwiseLoops} and {@link VectorDepthwiseLoops}.
 */
interface DepthwiseLoops {

    /** The implementation in use: on the Vector API when {@link Gemm} is. */
    DepthwiseLoops SELECTED = Gemm.usesVectorApi() ? new VectorDepthwiseLoops() : ScalarDepthwiseLoops.INSTANCE;

    /**
     * One output pixel: {@code y[o + ch] = bias[ch] + x[xs[0] + ch]·k[ks[0] + ch] + …}, the taps
     * added one product at a time in order to a sum that starts at the bias, or at 0 when
     * {@code bias} is {@code null}.
     */
    void pixel(double[] x, int[] xs, double[] k, int[] ks, int taps, double[] bias, double[] y, int o, int from,
               int to);

    /**
     * The kernel gradient of one tap along a row of output pixels:
     * {@code dk[at + ch] += x[xs + i·xStep + ch]·g[o + i·gStep + ch]} for i from 0 to
     * {@code count − 1} in order, the sum kept apart from {@code dk} until the row ends.
     */
    void rowKernelGradient(double[] x, int xs, int xStep, double[] g, int o, int gStep, int count, double[] dk, int at,
                           int from, int to);
}
