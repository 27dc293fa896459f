package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batch normalization's loops: the Vector API loops give the plain ones' bits, the statistics and
 * maps match direct formulas in every layout, and the results do not depend on the thread count.
 */
class ChannelStatsTest {
    /** Sums of up to a few thousand terms of order 1, added in another order than the direct loops. */
    private static final double TOLERANCE = 1e-12;
    private static final ChannelStatsLoops SCALAR = ScalarChannelStatsLoops.INSTANCE;
    private static final ChannelStatsLoops VECTOR = new VectorChannelStatsLoops();
    private static final int THREADS = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(THREADS);
    }

    @ParameterizedTest(name = "cols = {0}")
    @ValueSource(ints = {1, 7, 8, 32, 45, 64})
    void vectorLoopsGiveThePlainLoopsBits(int cols) {
        Random random = new Random(cols);
        int rows = 5;
        int off = 3;
        double[] x = values(random, off + rows * cols);
        double[] g = values(random, off + rows * cols);
        double[] a = values(random, cols);
        double[] b = values(random, cols);
        double[] k = values(random, cols);
        double[] s1 = values(random, cols);
        double[] q1 = values(random, cols);
        double[] s2 = s1.clone();
        double[] q2 = q1.clone();
        SCALAR.sums(x, off, rows, cols, s1, q1);
        VECTOR.sums(x, off, rows, cols, s2, q2);
        assertArrayEquals(s1, s2, 0.0);
        assertArrayEquals(q1, q2, 0.0);
        SCALAR.gradientSums(g, x, off, rows, cols, a, s1, q1);
        VECTOR.gradientSums(g, x, off, rows, cols, a, s2, q2);
        assertArrayEquals(s1, s2, 0.0);
        assertArrayEquals(q1, q2, 0.0);
        double[] y1 = values(random, off + rows * cols);
        double[] y2 = y1.clone();
        SCALAR.scaleShift(x, off, rows, cols, a, b, y1);
        VECTOR.scaleShift(x, off, rows, cols, a, b, y2);
        assertArrayEquals(y1, y2, 0.0);
        SCALAR.inputGradient(g, x, off, rows, cols, a, b, k, y1);
        VECTOR.inputGradient(g, x, off, rows, cols, a, b, k, y2);
        assertArrayEquals(y1, y2, 0.0);
    }

    /** Channels last (inner 1) and channels first (inner > 1), against the formulas element by element. */
    @ParameterizedTest(name = "inner = {0}")
    @ValueSource(ints = {1, 6})
    void statisticsAndMapsMatchDirectFormulas(int inner) {
        Random random = new Random(inner);
        int outer = 9;
        int channels = 5;
        double[] x = values(random, outer * channels * inner);
        double[] g = values(random, x.length);
        double[] mean = new double[channels];
        double[] variance = new double[channels];
        ChannelStats.moments(x, outer, channels, inner, mean, variance);
        double[] a = values(random, channels);
        double[] b = values(random, channels);
        double[] k = values(random, channels);
        double[] y = new double[x.length];
        double[] dx = new double[x.length];
        double[] sumG = new double[channels];
        double[] sumGCentred = new double[channels];
        ChannelStats.scaleShift(x, outer, channels, inner, a, b, y);
        ChannelStats.inputGradient(g, x, outer, channels, inner, a, b, k, dx);
        ChannelStats.gradientSums(g, x, outer, channels, inner, mean, sumG, sumGCentred);
        for (int c = 0; c < channels; c++) {
            double s = 0;
            double sg = 0;
            double sgx = 0;
            int n = outer * inner;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    s += x[(o * channels + c) * inner + i];
                }
            }
            double m = s / n;
            double v = 0;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int at = (o * channels + c) * inner + i;
                    v += (x[at] - m) * (x[at] - m);
                    sg += g[at];
                    sgx += g[at] * (x[at] - m);
                    assertEquals(x[at] * a[c] + b[c], y[at], TOLERANCE);
                    assertEquals(a[c] * g[at] + b[c] * x[at] + k[c], dx[at], TOLERANCE);
                }
            }
            assertEquals(m, mean[c], TOLERANCE);
            assertEquals(v / n, variance[c], TOLERANCE);
            assertEquals(sg, sumG[c], TOLERANCE);
            assertEquals(sgx, sumGCentred[c], TOLERANCE);
        }
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() {
        Random random = new Random(7);
        int rows = 3000;
        int channels = 24;
        double[] x = values(random, rows * channels);
        double[] g = values(random, rows * channels);
        double[][] one = run(1, x, g, rows, channels);
        double[][] three = run(3, x, g, rows, channels);
        for (int i = 0; i < one.length; i++) {
            assertArrayEquals(one[i], three[i], 0.0);
        }
    }

    @Test
    void maskedMomentsLeaveOutTheMaskedRowsAsKerasDoes() {
        double[] x = {1, 10, 3, 30, 100, 1000};
        double[] mask = {1, 1, 0};
        double[] mean = new double[2];
        double[] variance = new double[2];
        ChannelStats.maskedMoments(x, 3, 2, mask, mean, variance);
        double n = 2 + ChannelStats.MASK_EPSILON;
        assertEquals(4 / n, mean[0], 1e-15);
        assertEquals(40 / n, mean[1], 1e-13);
        assertEquals(((1 - mean[0]) * (1 - mean[0]) + (3 - mean[0]) * (3 - mean[0])) / n, variance[0], 1e-15);
    }

    private static double[][] run(int threads, double[] x, double[] g, int rows, int channels) {
        Parallel.setThreads(threads);
        double[] mean = new double[channels];
        double[] variance = new double[channels];
        ChannelStats.moments(x, rows, channels, 1, mean, variance);
        double[] sumG = new double[channels];
        double[] sumGCentred = new double[channels];
        ChannelStats.gradientSums(g, x, rows, channels, 1, mean, sumG, sumGCentred);
        double[] y = new double[x.length];
        ChannelStats.scaleShift(x, rows, channels, 1, mean, variance, y);
        return new double[][] {mean, variance, sumG, sumGCentred, y};
    }

    private static double[] values(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }
}
