package ai.lepton.kernels;

import java.util.Arrays;

/**
 * {@link GemvLoops} in plain Java, one element at a time, with the Vector API version's
 * operations in the same order: for JVMs without that module.
 */
final class ScalarGemvLoops implements GemvLoops {

    static final ScalarGemvLoops INSTANCE = new ScalarGemvLoops();

    private ScalarGemvLoops() {
    }

    @Override
    public void multiply(double[] x, int xOff, int xStep, int depth, double[] b, int bOff, int ldb, int n,
                         double[] y, int yOff) {
        Arrays.fill(y, yOff, yOff + n, 0.0);
        for (int p = 0; p < depth; p++) {
            double xp = x[xOff + p * xStep];
            int bp = bOff + p * ldb;
            for (int j = 0; j < n; j++) {
                y[yOff + j] = Math.fma(xp, b[bp + j], y[yOff + j]);
            }
        }
    }
}
