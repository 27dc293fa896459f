package ai.lepton.kernels;

/**
 * {@link DepthwiseLoops} in plain Java, one element at a time, with the Vector API version's
 * operations in the same order: for JVMs without that module.
 */
final class ScalarDepthwiseLoops implements DepthwiseLoops {

    static final ScalarDepthwiseLoops INSTANCE = new ScalarDepthwiseLoops();

    private ScalarDepthwiseLoops() {
    }

    @Override
    public void pixel(double[] x, int[] xs, double[] k, int[] ks, int taps, double[] bias, double[] y, int o, int from,
                      int to) {
        for (int ch = from; ch < to; ch++) {
            double sum = bias == null ? 0.0 : bias[ch];
            for (int t = 0; t < taps; t++) {
                sum += x[xs[t] + ch] * k[ks[t] + ch];
            }
            y[o + ch] = sum;
        }
    }

    @Override
    public void rowKernelGradient(double[] x, int xs, int xStep, double[] g, int o, int gStep, int count, double[] dk,
                                  int at, int from, int to) {
        for (int ch = from; ch < to; ch++) {
            double sum = dk[at + ch];
            for (int i = 0; i < count; i++) {
                sum += x[xs + i * xStep + ch] * g[o + i * gStep + ch];
            }
            dk[at + ch] = sum;
        }
    }
}
