package ai.lepton.kernels;

import java.util.Arrays;

/**
 * {@link BiasReluLoops} in plain Java, one element at a time, with the Vector API version's
 * operations in the same order: for JVMs without that module.
 */
final class ScalarBiasReluLoops implements BiasReluLoops {

    static final ScalarBiasReluLoops INSTANCE = new ScalarBiasReluLoops();

    private ScalarBiasReluLoops() {
    }

    @Override
    public void biasRelu(double[] y, int off, int ld, int rows, int cols, double[] bias, int biasOff, boolean relu) {
        if (bias != null && relu) {
            for (int r = 0, o = off; r < rows; r++, o += ld) {
                for (int j = 0; j < cols; j++) {
                    y[o + j] = Math.max(y[o + j] + bias[biasOff + j], 0.0);
                }
            }
        } else if (bias != null) {
            for (int r = 0, o = off; r < rows; r++, o += ld) {
                for (int j = 0; j < cols; j++) {
                    y[o + j] += bias[biasOff + j];
                }
            }
        } else if (relu) {
            for (int r = 0, o = off; r < rows; r++, o += ld) {
                for (int j = 0; j < cols; j++) {
                    y[o + j] = Math.max(y[o + j], 0.0);
                }
            }
        }
    }

    @Override
    public void reluMask(double[] g, int gOff, double[] y, int yOff, double[] dz, int dzOff, int rows, int cols,
                         double[] sums, int sumsOff) {
        if (sums == null) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                dz[dzOff + i] = g[gOff + i] * Math.min(y[yOff + i] * BiasRelu.HALF_SCALE * BiasRelu.HALF_SCALE, 1.0);
            }
            return;
        }
        Arrays.fill(sums, sumsOff, sumsOff + cols, 0.0);
        for (int r = 0, o = 0; r < rows; r++, o += cols) {
            for (int j = 0; j < cols; j++) {
                double d = g[gOff + o + j] * Math.min(y[yOff + o + j] * BiasRelu.HALF_SCALE * BiasRelu.HALF_SCALE, 1.0);
                dz[dzOff + o + j] = d;
                sums[sumsOff + j] += d;
            }
        }
    }

    @Override
    public void columnSums(double[] g, int off, int rows, int cols, double[] sums, int sumsOff) {
        Arrays.fill(sums, sumsOff, sumsOff + cols, 0.0);
        for (int r = 0, o = off; r < rows; r++, o += cols) {
            for (int j = 0; j < cols; j++) {
                sums[sumsOff + j] += g[o + j];
            }
        }
    }
}
