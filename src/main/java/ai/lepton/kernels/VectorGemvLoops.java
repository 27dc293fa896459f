package ai.lepton.kernels;

import ai.lepton.kernels.vector.GemvVectors;

/**
 * {@link GemvLoops} on the Vector API, through {@link GemvVectors}. Creating one loads the Vector
 * API, so {@link GemvLoops#SELECTED} does so only when {@link Gemm} uses it.
 */
final class VectorGemvLoops implements GemvLoops {

    /** The doubles per vector; the plain loop finishes the columns past the last whole one. */
    private static final int LANES = GemvVectors.lanes();
    private static final GemvLoops SCALAR = ScalarGemvLoops.INSTANCE;

    @Override
    public void multiply(double[] x, int xOff, int xStep, int depth, double[] b, int bOff, int ldb, int n,
                         double[] y, int yOff) {
        int whole = n - n % LANES;
        GemvVectors.multiply(x, xOff, xStep, depth, b, bOff, ldb, whole, y, yOff);
        SCALAR.multiply(x, xOff, xStep, depth, b, bOff + whole, ldb, n - whole, y, yOff + whole);
    }
}
