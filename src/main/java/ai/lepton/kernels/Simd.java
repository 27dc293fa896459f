package ai.lepton.kernels;

/**
 * The hot loops that JDK 17's JIT leaves scalar: its auto-vectorizer (C2's SuperWord) gives up on
 * a loop whose loads and stores use different offsets into {@code double[]} arrays, which is
 * nearly every loop over part of a batch. Each loop is here twice: {@link VectorSimd} on the
 * Vector API, chosen once with the GEMM's micro-kernel when the {@code jdk.incubator.vector}
 * module is present, and {@link ScalarSimd} in plain Java. Both compute every element with the
 * same operations in the same order (no fused multiply-add), so their results are bit-identical.
 *
 * <p>The 1-D Winograd transforms of F(4, 3) ({@link Winograd}) apply one matrix to many columns
 * at once: the i-th input is the run of {@code n} doubles at {@code sOff + i·sStep}, the a-th
 * output the run at {@code dOff + a·dStep}; source and destination never overlap. The matrices
 * (Lavin and Gray's, interpolation points 0, ±1, ±2 and ∞):
 * <pre>
 *      | 4  0 -5  0  1  0 |        | 1  1  1  1  1  0 |
 *      | 0 -4 -4  1  1  0 |   Aᵀ = | 0  1 -1  2 -2  0 |
 * Bᵀ = | 0  4 -4 -1  1  0 |        | 0  1  1  4  4  0 |
 *      | 0 -2 -1  2  1  0 |        | 0  1 -1  8 -8  1 |
 *      | 0  2 -1 -2  1  0 |
 *      | 0  4  0 -5  0  1 |
 * </pre>
 * The bias and ReLU loops are {@link BiasRelu}'s, documented there; the 2×2 max pool's is
 * {@link Pooling}'s; the direct convolution's are {@code Conv2DDirectOp}'s.
 */
interface Simd {

    /** The implementation in use. */
    Simd SELECTED = Gemm.usesVectorApi() ? new VectorSimd() : ScalarSimd.INSTANCE;

    /** {@link BiasRelu#forward(double[], int, int, int, double[], boolean)} on a block: rows {@code ld} apart. */
    void biasRelu(double[] y, int off, int ld, int rows, int cols, double[] bias, int biasOff, boolean relu);

    /** {@link BiasRelu#backward}: dz = g masked by y &gt; 0, and with {@code sums} their column sums. */
    void reluMask(double[] g, int gOff, double[] y, int yOff, double[] dz, int dzOff, int rows, int cols,
                  double[] sums, int sumsOff);

    /**
     * One output pixel of a 2×2 max pool: {@code y[o + ch]} = the largest of the four cells'
     * channel ch ({@code x[cell + ch]}, cells in scanning order), folded with {@code Math.max}.
     */
    void maxOfFour(double[] x, int first, int second, int third, int fourth, int c, double[] y, int o);

    /**
     * Its backward step: each channel's gradient {@code dy[d + ch]} goes to the first of the four
     * cells equal to {@code y[o + ch]} or NaN (the fourth if none of the first three is), and 0
     * to the other three: {@code dx[cell + shift + ch]} is overwritten for all four.
     */
    void maxOfFourBackward(double[] x, int first, int second, int third, int fourth, int c, double[] y, int o,
                           double[] dy, int d, double[] dx, int shift);

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

    /** {@link BiasRelu#columnSums}. */
    void columnSums(double[] g, int off, int rows, int cols, double[] sums, int sumsOff);

    /** dst[a] = Σ_i Bᵀ[a][i] src[i]: 6 outputs from 6 inputs (the input transform). */
    void inputForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n);

    /** dst[i] = Σ_a Bᵀ[a][i] src[a]: 6 outputs from 6 inputs (the input transform's adjoint). */
    void inputAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n);

    /** dst[o] = Σ_a Aᵀ[o][a] src[a]: 4 outputs from 6 inputs (the output transform). */
    void outputForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n);

    /** dst[a] = Σ_o Aᵀ[o][a] src[o]: 6 outputs from 4 inputs (the output transform's adjoint). */
    void outputAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n);
}
