package ai.lepton.kernels;

import ai.lepton.kernels.vector.DirectConvVectors;

/**
 * {@link DirectConvLoops} on the Vector API, through {@link DirectConvVectors}. Creating one loads the
 * Vector API, so {@link DirectConvLoops#SELECTED} does so only when {@link Gemm} uses it.
 */
final class VectorDirectConvLoops implements DirectConvLoops {

    @Override
    public void convRow(double[] x, int xOff, int pixStep, int[] taps, double[] k, int filters, double[] bias,
                        boolean relu, double[] y, int yOff, int count) {
        DirectConvVectors.convRow(x, xOff, pixStep, taps, k, filters, bias, relu, y, yOff, count);
    }

    @Override
    public void convRowGrad(double[] x, int xOff, int pixStep, int[] taps, double[] g, int gOff, int filters,
                            int count, double[] dk, int dkOff, double[] sums, int sumsOff) {
        DirectConvVectors.convRowGrad(x, xOff, pixStep, taps, g, gOff, filters, count, dk, dkOff, sums, sumsOff);
    }
}
