package ai.lepton.kernels;

/**
 * The row loops of {@link DirectConv}. Two implementations give the same bits (see the package
 * comment): {@link ScalarDirectConvLoops} and {@link VectorDirectConvLoops}.
 */
interface DirectConvLoops {

    /** The implementation in use: on the Vector API when {@link Gemm} is. */
    DirectConvLoops SELECTED = Gemm.usesVectorApi() ? new VectorDirectConvLoops() : ScalarDirectConvLoops.INSTANCE;

    /**
     * One row of a direct convolution: output pixels {@code j < count}, each
     * {@code y[yOff + j·filters + f] = relu(bias[f] + Σ_t x[xOff + j·pixStep + taps[t]] · k[t·filters + f])},
     * the terms added in tap order by fused multiply-adds onto a sum that starts at the bias
     * (zeros for none); without {@code relu}, no max. Every tap must lie inside {@code x} (pad
     * the input first).
     */
    void convRow(double[] x, int xOff, int pixStep, int[] taps, double[] k, int filters, double[] bias,
                 boolean relu, double[] y, int yOff, int count);

    /**
     * The kernel and bias gradient of one {@link #convRow} from its output gradient g (already
     * masked by the ReLU): adds {@code x[xOff + j·pixStep + taps[t]] · g[gOff + j·filters + f]} to
     * {@code dk[dkOff + t·filters + f]} by fused multiply-adds, pixels in order, and
     * {@code g[gOff + j·filters + f]} to {@code sums[sumsOff + f]}.
     */
    void convRowGrad(double[] x, int xOff, int pixStep, int[] taps, double[] g, int gOff, int filters, int count,
                     double[] dk, int dkOff, double[] sums, int sumsOff);
}
