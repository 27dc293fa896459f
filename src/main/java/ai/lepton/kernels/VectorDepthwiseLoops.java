package ai.lepton.kernels;

import ai.lepton.kernels.vector.DepthwiseVectors;

/**
 * {@link DepthwiseLoops} on the Vector API, through {@link DepthwiseVectors}. Creating one loads
 * the Vector API, so {@link DepthwiseLoops#SELECTED} does so only when {@link Gemm} uses it.
 */
final class VectorDepthwiseLoops implements DepthwiseLoops {

    /** The doubles per vector; the plain loops finish what is left past the last whole one. */
    private static final int LANES = DepthwiseVectors.lanes();
    private static final DepthwiseLoops SCALAR = ScalarDepthwiseLoops.INSTANCE;

    @Override
    public void pixel(double[] x, int[] xs, double[] k, int[] ks, int taps, double[] bias, double[] y, int o, int from,
                      int to) {
        int whole = to - (to - from) % LANES;
        DepthwiseVectors.pixel(x, xs, k, ks, taps, bias, y, o, from, whole);
        SCALAR.pixel(x, xs, k, ks, taps, bias, y, o, whole, to);
    }

    @Override
    public void rowKernelGradient(double[] x, int xs, int xStep, double[] g, int o, int gStep, int count, double[] dk,
                                  int at, int from, int to) {
        int whole = to - (to - from) % LANES;
        DepthwiseVectors.rowKernelGradient(x, xs, xStep, g, o, gStep, count, dk, at, from, whole);
        SCALAR.rowKernelGradient(x, xs, xStep, g, o, gStep, count, dk, at, whole, to);
    }
}
