package ai.lepton.kernels;

import ai.lepton.kernels.vector.ChannelStatsVectors;

/**
 * The Vector API {@link ChannelStatsLoops}. Creating one loads the Vector API, so
 * {@link ChannelStatsLoops#SELECTED} does so only when {@link Gemm} uses it.
 */
final class VectorChannelStatsLoops implements ChannelStatsLoops {

    @Override
    public void sums(double[] x, int off, int rows, int cols, double[] s, double[] q) {
        ChannelStatsVectors.sums(x, off, rows, cols, s, q);
    }

    @Override
    public void scaleShift(double[] x, int off, int rows, int cols, double[] a, double[] b, double[] y) {
        ChannelStatsVectors.scaleShift(x, off, rows, cols, a, b, y);
    }

    @Override
    public void gradientSums(double[] g, double[] x, int off, int rows, int cols, double[] mean, double[] sg, double[] sgx) {
        ChannelStatsVectors.gradientSums(g, x, off, rows, cols, mean, sg, sgx);
    }

    @Override
    public void inputGradient(double[] g, double[] x, int off, int rows, int cols, double[] a, double[] b, double[] k, double[] dx) {
        ChannelStatsVectors.inputGradient(g, x, off, rows, cols, a, b, k, dx);
    }
}
