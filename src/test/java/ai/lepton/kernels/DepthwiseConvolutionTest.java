package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DepthwiseConvolutionTest {
    private static final double TOLERANCE = 1e-12;

    /** Odd sizes, strides, dilation and asymmetric pads, with multipliers 1 and 3. */
    private static final SlidingWindow[] WINDOWS = {
        new SlidingWindow(5, 7, 6, 3, 3, 3, 2, 2, 1, 1, 1, 1, 0, 1),
        new SlidingWindow(3, 6, 7, 4, 2, 3, 1, 1, 2, 2, 0, 1, 2, 2),
        new SlidingWindow(9, 5, 5, 17, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1),
    };

    @Test
    void forwardAndGradientsMatchTheDefiningSums() {
        Random random = new Random(3);
        for (SlidingWindow w : WINDOWS) {
            for (int m : new int[] {1, 3}) {
                int outC = w.channels() * m;
                double[] x = random(random, (int) w.inputSize());
                double[] kernel = random(random, w.patchSize() * m);
                double[] bias = random(random, outC);
                double[] g = random(random, (int) w.positions() * outC);
                double[] y = new double[g.length];
                DepthwiseConvolution.forward(w, x, kernel, m, bias, y);
                double[][] expected = naive(w, x, kernel, m, bias, g);
                assertArrayEquals(expected[0], y, TOLERANCE, w + " multiplier " + m);
                double[] dx = new double[x.length];
                double[] dKernel = new double[kernel.length];
                double[] dBias = new double[outC];
                DepthwiseConvolution.backward(w, x, kernel, m, g, dx, dKernel, dBias);
                assertArrayEquals(expected[1], dx, TOLERANCE, "dx");
                assertArrayEquals(expected[2], dKernel, TOLERANCE, "dKernel");
                assertArrayEquals(expected[3], dBias, TOLERANCE, "dBias");
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        SlidingWindow w = WINDOWS[2];
        Random random = new Random(5);
        double[] x = random(random, (int) w.inputSize());
        double[] kernel = random(random, w.patchSize() * 2);
        double[] g = random(random, (int) w.positions() * w.channels() * 2);
        double[][] one = run(1, w, x, kernel, g);
        double[][] two = run(2, w, x, kernel, g);
        for (int i = 0; i < one.length; i++) {
            assertArrayEquals(one[i], two[i], 0.0);
        }
    }

    @Test
    void shortArraysAreRejected() {
        SlidingWindow w = WINDOWS[0];
        assertThrows(IllegalArgumentException.class,
                () -> DepthwiseConvolution.forward(w, new double[3], new double[w.patchSize()], 1, null, new double[1000]));
        assertThrows(IllegalArgumentException.class, () -> DepthwiseConvolution.forward(w, new double[(int) w.inputSize()],
                new double[w.patchSize()], 0, null, new double[1000]));
    }

    private static double[][] run(int threads, SlidingWindow w, double[] x, double[] kernel, double[] g) {
        int before = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            double[] y = new double[g.length];
            DepthwiseConvolution.forward(w, x, kernel, 2, null, y);
            double[] dx = new double[x.length];
            double[] dKernel = new double[kernel.length];
            DepthwiseConvolution.backward(w, x, kernel, 2, g, dx, dKernel, null);
            return new double[][] {y, dx, dKernel};
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** y, and the gradients of sum(y * g) for x, kernel and bias, by the formula. */
    private static double[][] naive(SlidingWindow w, double[] x, double[] kernel, int m, double[] bias, double[] g) {
        int c = w.channels();
        int outC = c * m;
        double[] y = new double[g.length];
        double[] dx = new double[x.length];
        double[] dk = new double[kernel.length];
        double[] db = new double[outC];
        for (int b = 0; b < w.batch(); b++) {
            for (int oy = 0; oy < w.outHeight(); oy++) {
                for (int ox = 0; ox < w.outWidth(); ox++) {
                    int o = ((b * w.outHeight() + oy) * w.outWidth() + ox) * outC;
                    for (int f = 0; f < outC; f++) {
                        int ch = f / m;
                        double sum = bias[f];
                        db[f] += g[o + f];
                        for (int p = 0; p < w.kernelH(); p++) {
                            for (int q = 0; q < w.kernelW(); q++) {
                                int iy = oy * w.strideH() - w.padTop() + p * w.dilationH();
                                int ix = ox * w.strideW() - w.padLeft() + q * w.dilationW();
                                if (iy < 0 || iy >= w.height() || ix < 0 || ix >= w.width()) {
                                    continue;
                                }
                                int xi = ((b * w.height() + iy) * w.width() + ix) * c + ch;
                                int ki = (p * w.kernelW() + q) * outC + f;
                                sum += x[xi] * kernel[ki];
                                dx[xi] += g[o + f] * kernel[ki];
                                dk[ki] += g[o + f] * x[xi];
                            }
                        }
                        y[o + f] = sum;
                    }
                }
            }
        }
        return new double[][] {y, dx, dk, db};
    }

    private static double[] random(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }
}
