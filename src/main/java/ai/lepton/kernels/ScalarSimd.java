package ai.lepton.kernels;

import java.util.Arrays;

/**
 * {@link Simd} in plain Java, for JVMs without the Vector API module: the same operations in
 * the same order as {@link VectorSimd}, one element at a time.
 */
final class ScalarSimd implements Simd {

    static final ScalarSimd INSTANCE = new ScalarSimd();

    private ScalarSimd() {
    }

    @Override
    public void inputForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k < n; k++) {
            double d0 = s[sOff + k];
            double d1 = s[sOff + sStep + k];
            double d2 = s[sOff + 2 * sStep + k];
            double d3 = s[sOff + 3 * sStep + k];
            double d4 = s[sOff + 4 * sStep + k];
            double d5 = s[sOff + 5 * sStep + k];
            double odd1 = d4 - 4 * d2;
            double odd2 = d3 - 4 * d1;
            double even1 = d4 - d2;
            double even2 = 2 * (d3 - d1);
            d[dOff + k] = 4 * d0 - 5 * d2 + d4;
            d[dOff + dStep + k] = odd1 + odd2;
            d[dOff + 2 * dStep + k] = odd1 - odd2;
            d[dOff + 3 * dStep + k] = even1 + even2;
            d[dOff + 4 * dStep + k] = even1 - even2;
            d[dOff + 5 * dStep + k] = 4 * d1 - 5 * d3 + d5;
        }
    }

    @Override
    public void inputAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k < n; k++) {
            double v0 = s[sOff + k];
            double v1 = s[sOff + sStep + k];
            double v2 = s[sOff + 2 * sStep + k];
            double v3 = s[sOff + 3 * sStep + k];
            double v4 = s[sOff + 4 * sStep + k];
            double v5 = s[sOff + 5 * sStep + k];
            double sum12 = v1 + v2;
            double diff12 = v2 - v1;
            double sum34 = v3 + v4;
            double diff34 = v3 - v4;
            d[dOff + k] = 4 * v0;
            d[dOff + dStep + k] = 4 * diff12 - 2 * diff34 + 4 * v5;
            d[dOff + 2 * dStep + k] = -5 * v0 - 4 * sum12 - sum34;
            d[dOff + 3 * dStep + k] = -diff12 + 2 * diff34 - 5 * v5;
            d[dOff + 4 * dStep + k] = v0 + sum12 + sum34;
            d[dOff + 5 * dStep + k] = v5;
        }
    }

    @Override
    public void outputForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k < n; k++) {
            double m0 = s[sOff + k];
            double m1 = s[sOff + sStep + k];
            double m2 = s[sOff + 2 * sStep + k];
            double m3 = s[sOff + 3 * sStep + k];
            double m4 = s[sOff + 4 * sStep + k];
            double m5 = s[sOff + 5 * sStep + k];
            double sum12 = m1 + m2;
            double diff12 = m1 - m2;
            double sum34 = m3 + m4;
            double diff34 = m3 - m4;
            d[dOff + k] = m0 + sum12 + sum34;
            d[dOff + dStep + k] = diff12 + 2 * diff34;
            d[dOff + 2 * dStep + k] = sum12 + 4 * sum34;
            d[dOff + 3 * dStep + k] = diff12 + 8 * diff34 + m5;
        }
    }

    @Override
    public void outputAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k < n; k++) {
            double g0 = s[sOff + k];
            double g1 = s[sOff + sStep + k];
            double g2 = s[sOff + 2 * sStep + k];
            double g3 = s[sOff + 3 * sStep + k];
            double even = g0 + 4 * g2;
            double odd = 2 * g1 + 8 * g3;
            d[dOff + k] = g0;
            d[dOff + dStep + k] = g0 + g1 + g2 + g3;
            d[dOff + 2 * dStep + k] = g0 - g1 + g2 - g3;
            d[dOff + 3 * dStep + k] = even + odd;
            d[dOff + 4 * dStep + k] = even - odd;
            d[dOff + 5 * dStep + k] = g3;
        }
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

    /** Whether a cell holding {@code v} can be the winner of a window whose maximum is {@code max}. */
    private static boolean wins(double v, double max) {
        return v == max || v != v;
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
