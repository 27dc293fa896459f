package ai.lepton.kernels;

/** {@link ChannelStatsLoops} in plain Java, one element at a time. */
final class ScalarChannelStatsLoops implements ChannelStatsLoops {

    static final ScalarChannelStatsLoops INSTANCE = new ScalarChannelStatsLoops();

    private ScalarChannelStatsLoops() {
    }

    @Override
    public void sums(double[] x, int off, int rows, int cols, double[] s, double[] q) {
        for (int r = 0, o = off; r < rows; r++, o += cols) {
            for (int c = 0; c < cols; c++) {
                double v = x[o + c];
                s[c] += v;
                q[c] += v * v;
            }
        }
    }

    @Override
    public void scaleShift(double[] x, int off, int rows, int cols, double[] a, double[] b, double[] y) {
        for (int r = 0, o = off; r < rows; r++, o += cols) {
            for (int c = 0; c < cols; c++) {
                y[o + c] = x[o + c] * a[c] + b[c];
            }
        }
    }

    @Override
    public void gradientSums(double[] g, double[] x, int off, int rows, int cols, double[] mean, double[] sg, double[] sgx) {
        for (int r = 0, o = off; r < rows; r++, o += cols) {
            for (int c = 0; c < cols; c++) {
                double gv = g[o + c];
                sg[c] += gv;
                sgx[c] += gv * (x[o + c] - mean[c]);
            }
        }
    }

    @Override
    public void inputGradient(double[] g, double[] x, int off, int rows, int cols, double[] a, double[] b, double[] k, double[] dx) {
        for (int r = 0, o = off; r < rows; r++, o += cols) {
            for (int c = 0; c < cols; c++) {
                dx[o + c] = a[c] * g[o + c] + b[c] * x[o + c] + k[c];
            }
        }
    }
}
