package ai.lepton.kernels;

/**
 * The loop of {@link Gemm}'s unpacked products whose B is read by rows: one row of A times a
 * slice of B's rows, GEMV's {@code y = xᵀ·B}. A single-image predict runs every dense layer
 * through it. Two implementations give the same bits (see the package comment):
 * {@link ScalarGemvLoops} and {@link VectorGemvLoops}.
 */
interface GemvLoops {

    /** The implementation in use: on the Vector API when {@link Gemm} is. */
    GemvLoops SELECTED = Gemm.usesVectorApi() ? new VectorGemvLoops() : ScalarGemvLoops.INSTANCE;

    /**
     * {@code y[yOff + j] = Σ_p x[xOff + p·xStep] · b[bOff + p·ldb + j]} for j below n and p below
     * depth, each sum starting from zero and adding {@code fma(x, b, sum)} for p in order
     * (overwriting y).
     */
    void multiply(double[] x, int xOff, int xStep, int depth, double[] b, int bOff, int ldb, int n,
                  double[] y, int yOff);
}
