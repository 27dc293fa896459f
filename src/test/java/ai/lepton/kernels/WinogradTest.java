package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Checks the F(4×4, 3×3) transforms against a direct convolution, and each backward transform
 * against its forward one by the adjoint identity {@code <T a, b> = <a, Tᵀ b>} on random arrays.
 */
class WinogradTest {

    @ParameterizedTest(name = "{0}x{1}x{2} -> {3} filters, {4}")
    @CsvSource({
        "6, 6, 1, 1, VALID",
        "6, 6, 3, 2, VALID",
        "13, 13, 4, 5, VALID",
        "7, 9, 2, 3, SAME",
        "3, 3, 2, 2, VALID",
        "2, 5, 3, 2, SAME"})
    void theTransformedProductsEqualADirectConvolution(int h, int wd, int c, int f, Padding padding) {
        Random random = new Random(h * 31L + wd);
        int images = 2;
        SlidingWindow w = new SlidingWindow(images, h, wd, c, 3, 3, 1, 1, padding);
        double[] x = gaussian(random, images * h * wd * c);
        double[] kernel = gaussian(random, 9 * c * f);
        double[] bias = gaussian(random, f);
        int rows = images * Winograd.tilesPerImage(w);
        double[] u = new double[Winograd.POINTS * c * f];
        double[] v = new double[Winograd.POINTS * rows * c];
        double[] m = new double[Winograd.POINTS * rows * f];
        Winograd.transformKernel(kernel, c, f, u);
        Winograd.transformInput(w, x, 0, images, v, 0);
        for (int xi = 0; xi < Winograd.POINTS; xi++) {
            Gemm.gemm(false, false, rows, f, c, v, xi * c, Winograd.POINTS * c, u, xi * c * f, f,
                    m, xi * f, Winograd.POINTS * f, false);
        }
        double[] y = new double[images * w.outHeight() * w.outWidth() * f];
        Winograd.transformOutput(w, f, m, 0, images, y, 0, bias, false);
        assertArrayEquals(direct(w, x, kernel, bias, f), y, 1e-12);
    }

    @Test
    void theOutputTransformAppliesTheBiasAndReluAsBiasReluDoes() {
        Random random = new Random(3);
        SlidingWindow w = new SlidingWindow(1, 7, 7, 1, 3, 3, 1, 1, Padding.SAME);
        int rows = Winograd.tilesPerImage(w);
        double[] m = gaussian(random, Winograd.POINTS * rows * 2);
        double[] bias = {0.5, -0.5};
        double[] plain = new double[7 * 7 * 2];
        double[] fused = new double[7 * 7 * 2];
        Winograd.transformOutput(w, 2, m, 0, 1, plain, 0, null, false);
        BiasRelu.forward(plain, 0, 49, 2, bias, true);
        Winograd.transformOutput(w, 2, m, 0, 1, fused, 0, bias, true);
        assertArrayEquals(plain, fused, 0.0);
    }

    @ParameterizedTest(name = "{0}x{1}x{2}, {3}")
    @CsvSource({"6, 6, 2, VALID", "13, 13, 3, VALID", "7, 9, 2, SAME", "5, 5, 1, SAME", "9, 4, 2, VALID"})
    void inputGradientIsTheAdjointOfTheInputTransform(int h, int wd, int c, Padding padding) {
        Random random = new Random(h * 7L + wd);
        int images = 3;
        SlidingWindow w = new SlidingWindow(images, h, wd, c, 3, 3, 1, 1, padding);
        int rows = images * Winograd.tilesPerImage(w);
        int off = 5;   // the batch's tiles start past the beginning, as a group's do in a batch-wide array
        double[] x = gaussian(random, images * h * wd * c);
        double[] r = gaussian(random, off + Winograd.POINTS * rows * c);
        double[] v = new double[r.length];
        Winograd.transformInput(w, x, 0, images, v, off);
        double[] dx = gaussian(random, x.length);   // overwritten
        Winograd.inputGradient(w, r, off, images, dx, 0);
        assertAdjoint(dot(v, r, off), dot(x, dx));
    }

    @ParameterizedTest(name = "{0}x{1} output, {2} filters")
    @CsvSource({"4, 4, 1", "11, 11, 3", "7, 9, 2", "2, 5, 2"})
    void outputGradientIsTheAdjointOfTheOutputTransform(int outH, int outW, int f) {
        Random random = new Random(outH * 13L + outW);
        int images = 2;
        SlidingWindow w = new SlidingWindow(images, outH, outW, 1, 3, 3, 1, 1, Padding.SAME);
        int rows = images * Winograd.tilesPerImage(w);
        double[] m = gaussian(random, Winograd.POINTS * rows * f);
        double[] y = new double[images * outH * outW * f];
        Winograd.transformOutput(w, f, m, 0, images, y, 0, null, false);
        double[] g = gaussian(random, y.length);
        double[] dm = new double[m.length];
        Winograd.outputGradient(w, f, g, 0, images, dm, 0);
        assertAdjoint(dot(y, g), dot(m, dm));
    }

    @Test
    void kernelGradientIsTheAdjointOfTheKernelTransform() {
        Random random = new Random(5);
        int c = 3;
        int f = 4;
        double[] kernel = gaussian(random, 9 * c * f);
        double[] u = new double[Winograd.POINTS * c * f];
        Winograd.transformKernel(kernel, c, f, u);
        double[] r = gaussian(random, u.length);
        double[] dKernel = new double[kernel.length];
        Winograd.kernelGradient(r, c, f, dKernel);
        assertAdjoint(dot(u, r), dot(kernel, dKernel));
    }

    @Test
    void supportsOnlyThreeByThreeKernelsWithStrideOne() {
        assertTrue(Winograd.supports(new SlidingWindow(1, 8, 8, 4, 3, 3, 1, 1, Padding.SAME)));
        assertFalse(Winograd.supports(new SlidingWindow(1, 8, 8, 4, 3, 3, 2, 2, Padding.SAME)));
        assertFalse(Winograd.supports(new SlidingWindow(1, 8, 8, 4, 5, 5, 1, 1, Padding.SAME)));
        assertFalse(Winograd.supports(new SlidingWindow(1, 8, 8, 4, 3, 1, 1, 1, Padding.SAME)));
        assertEquals(9, Winograd.tilesPerImage(new SlidingWindow(1, 13, 13, 4, 3, 3, 1, 1, Padding.VALID)));
    }

    private static void assertAdjoint(double forward, double adjoint) {
        assertEquals(forward, adjoint, 1e-11 * Math.max(1, Math.abs(forward)));
    }

    /** The convolution as a loop over outputs and window cells, zero outside the input. */
    private static double[] direct(SlidingWindow w, double[] x, double[] kernel, double[] bias, int f) {
        int c = w.channels();
        double[] y = new double[(int) w.positions() * f];
        for (int b = 0; b < w.batch(); b++) {
            for (int i = 0; i < w.outHeight(); i++) {
                for (int j = 0; j < w.outWidth(); j++) {
                    for (int o = 0; o < f; o++) {
                        double s = bias[o];
                        for (int p = 0; p < 3; p++) {
                            for (int q = 0; q < 3; q++) {
                                int r = i - w.padTop() + p;
                                int col = j - w.padLeft() + q;
                                if (r < 0 || r >= w.height() || col < 0 || col >= w.width()) {
                                    continue;
                                }
                                for (int ch = 0; ch < c; ch++) {
                                    s += x[((b * w.height() + r) * w.width() + col) * c + ch]
                                            * kernel[((p * 3 + q) * c + ch) * f + o];
                                }
                            }
                        }
                        y[((b * w.outHeight() + i) * w.outWidth() + j) * f + o] = s;
                    }
                }
            }
        }
        return y;
    }

    private static double[] gaussian(Random random, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextGaussian();
        }
        return a;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The dot product of the elements from {@code off} on (those before it are not part of the batch). */
    private static double dot(double[] a, double[] b, int off) {
        double s = 0;
        for (int i = off; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
