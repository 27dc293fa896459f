package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group normalization's loops against direct formulas, and their independence of the thread
 * count.
 */
class GroupStatsTest {
    /** Sums of a few dozen terms of order 1 in another order than the direct loops. */
    private static final double TOLERANCE = 1e-12;
    private static final double EPSILON = 1e-3;
    private static final int THREADS = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(THREADS);
    }

    @Test
    void normalizesEachExamplesGroupsWithTheirOwnStatistics() {
        Random random = new Random(1);
        int outer = 3;
        int pre = 2;
        int channels = 6;
        int post = 2;
        int groups = 3;
        double[] x = values(random, outer * pre * channels * post);
        double[] gamma = values(random, channels);
        double[] beta = values(random, channels);
        double[] y = new double[x.length];
        double[] mean = new double[outer * groups];
        double[] inv = new double[outer * groups];
        GroupStats.normalize(x, outer, pre, channels, post, groups, EPSILON, gamma, beta, y, mean, inv);
        int perGroup = channels / groups;
        for (int o = 0; o < outer; o++) {
            for (int grp = 0; grp < groups; grp++) {
                double s = 0;
                int n = 0;
                for (int p = 0; p < pre; p++) {
                    for (int c = grp * perGroup; c < (grp + 1) * perGroup; c++) {
                        for (int q = 0; q < post; q++) {
                            s += x[((o * pre + p) * channels + c) * post + q];
                            n++;
                        }
                    }
                }
                double m = s / n;
                double v = 0;
                for (int p = 0; p < pre; p++) {
                    for (int c = grp * perGroup; c < (grp + 1) * perGroup; c++) {
                        for (int q = 0; q < post; q++) {
                            double d = x[((o * pre + p) * channels + c) * post + q] - m;
                            v += d * d;
                        }
                    }
                }
                v /= n;
                assertEquals(m, mean[o * groups + grp], TOLERANCE);
                for (int p = 0; p < pre; p++) {
                    for (int c = grp * perGroup; c < (grp + 1) * perGroup; c++) {
                        for (int q = 0; q < post; q++) {
                            int at = ((o * pre + p) * channels + c) * post + q;
                            assertEquals((x[at] - m) / Math.sqrt(v + EPSILON) * gamma[c] + beta[c], y[at], TOLERANCE);
                        }
                    }
                }
            }
        }
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() {
        Random random = new Random(2);
        int rows = 2000;
        int cols = 48;
        double[] x = values(random, rows * cols);
        double[] g = values(random, rows * cols);
        double[] gamma = values(random, cols);
        double[][] one = run(1, x, g, gamma, rows, cols);
        double[][] three = run(3, x, g, gamma, rows, cols);
        for (int i = 0; i < one.length; i++) {
            assertArrayEquals(one[i], three[i], 0.0);
        }
    }

    private static double[][] run(int threads, double[] x, double[] g, double[] gamma, int rows, int cols) {
        Parallel.setThreads(threads);
        double[] y = new double[x.length];
        double[] mean = new double[rows];
        double[] inv = new double[rows];
        GroupStats.normalize(x, rows, 1, cols, 1, 1, EPSILON, gamma, null, y, mean, inv);
        double[] dx = new double[x.length];
        double[] dGamma = new double[cols];
        double[] dBeta = new double[cols];
        GroupStats.backward(g, x, rows, 1, cols, 1, 1, gamma, mean, inv, dx, dGamma, dBeta);
        return new double[][] {y, mean, inv, dx, dGamma, dBeta};
    }

    private static double[] values(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }
}
