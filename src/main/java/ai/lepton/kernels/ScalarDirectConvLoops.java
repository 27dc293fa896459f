package ai.lepton.kernels;

/**
 * {@link DirectConvLoops} in plain Java, one element at a time, with the Vector API version's
 * operations in the same order: for JVMs without that module.
 */
final class ScalarDirectConvLoops implements DirectConvLoops {

    static final ScalarDirectConvLoops INSTANCE = new ScalarDirectConvLoops();

    private ScalarDirectConvLoops() {
    }

    @Override
    public void convRow(double[] x, int xOff, int pixStep, int[] taps, double[] k, int filters, double[] bias,
                        boolean relu, double[] y, int yOff, int count) {
        for (int j = 0; j < count; j++) {
            int pixel = xOff + j * pixStep;
            for (int f = 0; f < filters; f++) {
                double sum = bias[f];
                for (int t = 0; t < taps.length; t++) {
                    sum = Math.fma(x[pixel + taps[t]], k[t * filters + f], sum);
                }
                y[yOff + j * filters + f] = relu ? Math.max(sum, 0.0) : sum;
            }
        }
    }

    @Override
    public void convRowGrad(double[] x, int xOff, int pixStep, int[] taps, double[] g, int gOff, int filters,
                            int count, double[] dk, int dkOff, double[] sums, int sumsOff) {
        for (int j = 0; j < count; j++) {
            int pixel = xOff + j * pixStep;
            for (int f = 0; f < filters; f++) {
                double gm = g[gOff + j * filters + f];
                sums[sumsOff + f] += gm;
                for (int t = 0; t < taps.length; t++) {
                    int d = dkOff + t * filters + f;
                    dk[d] = Math.fma(x[pixel + taps[t]], gm, dk[d]);
                }
            }
        }
    }
}
