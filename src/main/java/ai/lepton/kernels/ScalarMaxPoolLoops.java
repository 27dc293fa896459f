package ai.lepton.kernels;

/**
 * {@link MaxPoolLoops} in plain Java, one element at a time, with the Vector API version's
 * operations in the same order: for JVMs without that module.
 */
final class ScalarMaxPoolLoops implements MaxPoolLoops {

    static final ScalarMaxPoolLoops INSTANCE = new ScalarMaxPoolLoops();

    private ScalarMaxPoolLoops() {
    }

    @Override
    public void maxOfFour(double[] x, int first, int second, int third, int fourth, int c, double[] y, int o) {
        for (int ch = 0; ch < c; ch++) {
            double best = Math.max(x[first + ch], x[second + ch]);
            best = Math.max(best, x[third + ch]);
            y[o + ch] = Math.max(best, x[fourth + ch]);
        }
    }

    @Override
    public void maxOfFourBackward(double[] x, int first, int second, int third, int fourth, int c, double[] y, int o,
                                  double[] dy, int d, double[] dx, int shift) {
        for (int ch = 0; ch < c; ch++) {
            double max = y[o + ch];
            double g = dy[d + ch];
            boolean one = wins(x[first + ch], max);
            boolean two = !one && wins(x[second + ch], max);
            boolean three = !one && !two && wins(x[third + ch], max);
            boolean four = !one && !two && !three;
            dx[first + shift + ch] = one ? g : 0.0;
            dx[second + shift + ch] = two ? g : 0.0;
            dx[third + shift + ch] = three ? g : 0.0;
            dx[fourth + shift + ch] = four ? g : 0.0;
        }
    }

    @Override
    public void maxOfCells(double[] x, int[] cells, int n, double[] y, int o, int from, int to) {
        for (int ch = from; ch < to; ch++) {
            double best = x[cells[0] + ch];
            for (int t = 1; t < n; t++) {
                best = Math.max(best, x[cells[t] + ch]);
            }
            y[o + ch] = best;
        }
    }

    @Override
    public void maxOfCellsBackward(double[] x, int[] cells, int n, double[] y, int o, double[] dy, int d, double[] dx,
                                   int shift, int from, int to) {
        for (int ch = from; ch < to; ch++) {
            double max = y[o + ch];
            int t = 0;
            while (t < n && !wins(x[cells[t] + ch], max)) {
                t++;
            }
            if (t == n) {
                throw MaxPoolLoops.notInWindow(max);
            }
            dx[cells[t] + shift + ch] += dy[d + ch];
        }
    }

    /** Whether a cell holding {@code v} can be the winner of a window whose maximum is {@code max}. */
    private static boolean wins(double v, double max) {
        return v == max || v != v;
    }
}
