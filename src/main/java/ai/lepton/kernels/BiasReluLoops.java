package ai.lepton.kernels;

/**
 * The loops of {@link BiasRelu}, documented there. Two implementations give the same bits (see
 * the package comment): {@link ScalarBiasReluLoops} and {@link VectorBiasReluLoops}.
 */
interface BiasReluLoops {

    /** The implementation in use: on the Vector API when {@link Gemm} is. */
    BiasReluLoops SELECTED = Gemm.usesVectorApi() ? new VectorBiasReluLoops() : ScalarBiasReluLoops.INSTANCE;

    /** {@link BiasRelu#forward(double[], int, int, int, double[], boolean)} on a block: rows {@code ld} apart. */
    void biasRelu(double[] y, int off, int ld, int rows, int cols, double[] bias, int biasOff, boolean relu);

    /** {@link BiasRelu#backward}: dz = g masked by y &gt; 0, and with {@code sums} their column sums. */
    void reluMask(double[] g, int gOff, double[] y, int yOff, double[] dz, int dzOff, int rows, int cols,
                  double[] sums, int sumsOff);

    /** {@link BiasRelu#columnSums}. */
    void columnSums(double[] g, int off, int rows, int cols, double[] sums, int sumsOff);
}
