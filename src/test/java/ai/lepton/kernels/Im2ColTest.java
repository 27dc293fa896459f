package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Im2ColTest {

    private static final double TOLERANCE = 1e-12;
    private static final long SEED = 7L;

    static Stream<Arguments> geometries() {
        return Stream.of(
                Arguments.of(new SlidingWindow(2, 5, 7, 3, 3, 3, 1, 1, Padding.VALID)),
                Arguments.of(new SlidingWindow(2, 5, 7, 3, 3, 3, 1, 1, Padding.SAME)),
                Arguments.of(new SlidingWindow(1, 7, 9, 2, 3, 3, 2, 2, Padding.SAME)),
                Arguments.of(new SlidingWindow(3, 6, 5, 4, 2, 4, 2, 1, Padding.SAME)),
                Arguments.of(new SlidingWindow(2, 9, 8, 1, 5, 2, 3, 2, Padding.VALID)),
                Arguments.of(new SlidingWindow(1, 4, 4, 2, 1, 1, 1, 1, Padding.SAME)),
                // Dilated, with pads on some sides only, and a non-square stride.
                Arguments.of(new SlidingWindow(2, 9, 8, 2, 3, 2, 1, 2, 2, 3, 2, 0, 1, 3)),
                Arguments.of(new SlidingWindow(1, 6, 7, 3, 2, 3, 2, 1, 3, 2, 0, 2, 3, 0)));
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void im2colTimesKernelEqualsDirectConvolution(SlidingWindow w) {
        Random random = new Random(SEED);
        int filters = 5;
        double[] x = random(random, (int) w.inputSize());
        double[] kernel = random(random, w.patchSize() * filters);
        double[] cols = new double[(int) w.positions() * w.patchSize()];
        Im2Col.im2col(w, x, 0, cols, 0);
        double[] y = new double[(int) w.positions() * filters];
        Gemm.gemm(false, false, (int) w.positions(), filters, w.patchSize(),
                cols, 0, w.patchSize(), kernel, 0, filters, y, 0, filters, false);
        assertArrayEquals(directConvolution(w, x, kernel, filters), y, TOLERANCE);
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void col2imIsTheAdjointOfIm2col(SlidingWindow w) {
        Random random = new Random(SEED + 1);
        double[] x = random(random, (int) w.inputSize());
        double[] g = random(random, (int) w.positions() * w.patchSize());
        double[] cols = new double[g.length];
        Im2Col.im2col(w, x, 0, cols, 0);
        double[] back = new double[x.length];
        Im2Col.col2im(w, g, 0, back, 0);
        assertEquals(dot(cols, g), dot(x, back), TOLERANCE);
    }

    @Test
    void col2imAddsToExistingValuesAndHonoursOffsets() {
        SlidingWindow w = new SlidingWindow(1, 3, 3, 1, 2, 2, 1, 1, Padding.VALID);
        double[] cols = new double[2 + 16];
        java.util.Arrays.fill(cols, 2, 18, 1.0);
        double[] dx = new double[1 + 9];
        java.util.Arrays.fill(dx, 10.0);
        Im2Col.col2im(w, cols, 2, dx, 1);
        // How many 2×2 windows cover each pixel of a 3×3 image, plus the 10 already there.
        assertArrayEquals(new double[] {10, 11, 12, 11, 12, 14, 12, 11, 12, 11}, dx);
    }

    @Test
    void samePaddingPutsTheExtraRowAtTheBottom() {
        // in 4, kernel 3, stride 2: out 2, total pad 1 → 0 before, 1 after.
        SlidingWindow w = new SlidingWindow(1, 4, 4, 1, 3, 3, 2, 2, Padding.SAME);
        assertEquals(2, w.outHeight());
        assertEquals(0, w.padTop());
        double[] x = new double[16];
        for (int i = 0; i < 16; i++) {
            x[i] = i + 1;
        }
        double[] cols = new double[4 * 9];
        Im2Col.im2col(w, x, 0, cols, 0);
        double[] lastWindow = java.util.Arrays.copyOfRange(cols, 27, 36);
        assertArrayEquals(new double[] {11, 12, 0, 15, 16, 0, 0, 0, 0}, lastWindow);
    }

    @Test
    void rejectsArraysTooShort() {
        SlidingWindow w = new SlidingWindow(1, 4, 4, 1, 3, 3, 1, 1, Padding.VALID);
        assertThrows(IllegalArgumentException.class, () -> Im2Col.im2col(w, new double[15], 0, new double[36], 0));
        assertThrows(IllegalArgumentException.class, () -> Im2Col.im2col(w, new double[16], 0, new double[36], 1));
        assertThrows(IllegalArgumentException.class, () -> Im2Col.col2im(w, new double[36], 0, new double[16], 1));
    }

    /** y[b, oy, ox, f] = Σ x[b, oy·sh − pt + ky·dh, ox·sw − pl + kx·dw, ch] · kernel[ky, kx, ch, f]. */
    static double[] directConvolution(SlidingWindow w, double[] x, double[] kernel, int filters) {
        double[] y = new double[(int) w.positions() * filters];
        int c = w.channels();
        for (int b = 0; b < w.batch(); b++) {
            for (int oy = 0; oy < w.outHeight(); oy++) {
                for (int ox = 0; ox < w.outWidth(); ox++) {
                    for (int f = 0; f < filters; f++) {
                        double sum = 0;
                        for (int ky = 0; ky < w.kernelH(); ky++) {
                            for (int kx = 0; kx < w.kernelW(); kx++) {
                                int iy = oy * w.strideH() - w.padTop() + ky * w.dilationH();
                                int ix = ox * w.strideW() - w.padLeft() + kx * w.dilationW();
                                if (iy < 0 || iy >= w.height() || ix < 0 || ix >= w.width()) {
                                    continue;
                                }
                                for (int ch = 0; ch < c; ch++) {
                                    sum += x[((b * w.height() + iy) * w.width() + ix) * c + ch]
                                            * kernel[((ky * w.kernelW() + kx) * c + ch) * filters + f];
                                }
                            }
                        }
                        y[((b * w.outHeight() + oy) * w.outWidth() + ox) * filters + f] = sum;
                    }
                }
            }
        }
        return y;
    }

    static double[] random(Random random, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = 2 * random.nextDouble() - 1;
        }
        return values;
    }

    private static double dot(double[] u, double[] v) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }
}
