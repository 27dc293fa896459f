package ai.lepton.kernels;

import ai.lepton.kernels.vector.BiasReluVectors;

/**
 * {@link BiasReluLoops} on the Vector API, through {@link BiasReluVectors}. Creating one loads the
 * Vector API, so {@link BiasReluLoops#SELECTED} does so only when {@link Gemm} uses it.
 */
final class VectorBiasReluLoops implements BiasReluLoops {

    /** The doubles per vector; the plain loops finish what is left past the last whole one. */
    private static final int LANES = BiasReluVectors.lanes();
    private static final BiasReluLoops SCALAR = ScalarBiasReluLoops.INSTANCE;

    @Override
    public void biasRelu(double[] y, int off, int ld, int rows, int cols, double[] bias, int biasOff, boolean relu) {
        int whole = cols - cols % LANES;
        BiasReluVectors.biasRelu(y, off, ld, rows, whole, bias, biasOff, relu);
        SCALAR.biasRelu(y, off + whole, ld, rows, cols - whole, bias, biasOff + whole, relu);
    }

    @Override
    public void reluMask(double[] g, int gOff, double[] y, int yOff, double[] dz, int dzOff, int rows, int cols,
                         double[] sums, int sumsOff) {
        BiasReluVectors.reluMask(g, gOff, y, yOff, dz, dzOff, rows, cols, sums, sumsOff, BiasRelu.HALF_SCALE);
    }

    @Override
    public void columnSums(double[] g, int off, int rows, int cols, double[] sums, int sumsOff) {
        BiasReluVectors.columnSums(g, off, rows, cols, sums, sumsOff);
    }
}
