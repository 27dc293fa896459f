package ai.lepton.kernels;

/**
 * The 1-D transforms of Winograd's F(4, 3) that {@link Winograd} applies along the rows and
 * columns of each tile, over whole runs of channels at once: the i-th input is the run of
 * {@code n} doubles at {@code sOff + i·sStep}, the a-th output the run at {@code dOff + a·dStep};
 * source and destination never overlap. The matrices (Lavin and Gray's, interpolation points 0,
 * ±1, ±2 and ∞):
 * <pre>
 *      | 4  0 -5  0  1  0 |        | 1  1  1  1  1  0 |
 *      | 0 -4 -4  1  1  0 |   Aᵀ = | 0  1 -1  2 -2  0 |
 * Bᵀ = | 0  4 -4 -1  1  0 |        | 0  1  1  4  4  0 |
 *      | 0 -2 -1  2  1  0 |        | 0  1 -1  8 -8  1 |
 *      | 0  2 -1 -2  1  0 |
 *      | 0  4  0 -5  0  1 |
 * </pre>
 * The kernel's transform uses G (its entries written as factors, since a multiplication costs a
 * fraction of a division by 4, 6, 12 or 24):
 * <pre>
 *     |  1/4     0     0  |
 *     | -1/6  -1/6  -1/6  |
 * G = | -1/6   1/6  -1/6  |
 *     | 1/24  1/12   1/6  |
 *     | 1/24 -1/12   1/6  |
 *     |   0     0     1   |
 * </pre>
 * Two implementations give the same bits (see the package comment): {@link ScalarWinogradLoops}
 * and {@link VectorWinogradLoops}.
 */
interface WinogradLoops {

    /** The implementation in use: on the Vector API when {@link Gemm} is. */
    WinogradLoops SELECTED = Gemm.usesVectorApi() ? new VectorWinogradLoops() : ScalarWinogradLoops.INSTANCE;

    /** dst[a] = Σ_i Bᵀ[a][i] src[i]: 6 outputs from 6 inputs (the input transform). */
    void inputForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n);

    /** dst[i] = Σ_a Bᵀ[a][i] src[a]: 6 outputs from 6 inputs (the input transform's adjoint). */
    void inputAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n);

    /** dst[o] = Σ_a Aᵀ[o][a] src[a]: 4 outputs from 6 inputs (the output transform). */
    void outputForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n);

    /** dst[a] = Σ_o Aᵀ[o][a] src[o]: 6 outputs from 4 inputs (the output transform's adjoint). */
    void outputAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n);

    /** dst[a] = Σ_r G[a][r] src[r]: 6 outputs from 3 inputs (the kernel transform). */
    void kernelForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n);

    /** dst[r] = Σ_a G[a][r] src[a]: 3 outputs from 6 inputs (the kernel transform's adjoint). */
    void kernelAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n);
}
