package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PoolingTest {

    private static final double FINITE_DIFFERENCE_STEP = 1e-6;
    private static final double GRADIENT_TOLERANCE = 1e-6;
    private static final long SEED = 11L;

    static Stream<Arguments> geometries() {
        return Stream.of(
                Arguments.of(new SlidingWindow(2, 6, 6, 3, 2, 2, 2, 2, Padding.VALID)),
                Arguments.of(new SlidingWindow(2, 5, 7, 2, 2, 2, 2, 2, Padding.SAME)),
                Arguments.of(new SlidingWindow(1, 7, 6, 2, 3, 3, 1, 1, Padding.SAME)),
                Arguments.of(new SlidingWindow(2, 7, 7, 1, 3, 3, 2, 2, Padding.VALID)),
                Arguments.of(new SlidingWindow(1, 5, 8, 3, 3, 2, 2, 3, Padding.SAME)));
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void forwardMatchesNaiveMaxOverInsideCells(SlidingWindow w) {
        // All inputs negative: a padded zero would win if padding took part.
        double[] x = negative(new Random(SEED), (int) w.inputSize());
        double[] y = new double[(int) w.positions() * w.channels()];
        Pooling.maxPoolForward(w, x, 0, y, 0);
        assertArrayEquals(naiveMaxPool(w, x), y);
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void backwardMatchesFiniteDifferencesOfWeightedOutputSum(SlidingWindow w) {
        Random random = new Random(SEED + 1);
        double[] x = negative(random, (int) w.inputSize());
        int outputs = (int) w.positions() * w.channels();
        double[] dy = Im2ColTest.random(random, outputs);
        double[] dx = new double[x.length];
        double[] y = new double[outputs];
        Pooling.maxPoolForward(w, x, 0, y, 0);
        Pooling.maxPoolBackward(w, x, 0, y, 0, dy, 0, dx, 0);

        // Distinct random inputs keep every max strict, so the loss Σ dy·y is differentiable here.
        double[] numeric = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double saved = x[i];
            x[i] = saved + FINITE_DIFFERENCE_STEP;
            double up = weightedSum(dy, naiveMaxPool(w, x));
            x[i] = saved - FINITE_DIFFERENCE_STEP;
            double down = weightedSum(dy, naiveMaxPool(w, x));
            x[i] = saved;
            numeric[i] = (up - down) / (2 * FINITE_DIFFERENCE_STEP);
        }
        assertArrayEquals(numeric, dx, GRADIENT_TOLERANCE);
    }

    static Stream<Arguments> tiedGeometries() {
        return Stream.of(
                Arguments.of(new SlidingWindow(2, 6, 6, 8, 2, 2, 2, 2, Padding.VALID)),
                Arguments.of(new SlidingWindow(2, 7, 9, 8, 2, 2, 2, 2, Padding.SAME)),
                Arguments.of(new SlidingWindow(2, 7, 9, 3, 3, 3, 2, 2, Padding.SAME)),
                Arguments.of(new SlidingWindow(1, 9, 7, 4, 3, 3, 2, 2, Padding.VALID)),
                Arguments.of(new SlidingWindow(1, 5, 6, 5, 2, 2, 1, 1, Padding.SAME)),
                Arguments.of(new SlidingWindow(1, 5, 8, 3, 3, 2, 2, 3, Padding.SAME)));
    }

    @ParameterizedTest
    @MethodSource("tiedGeometries")
    void backwardSendsEachGradientToTheFirstMatchingCell(SlidingWindow w) {
        // Few distinct values, so most windows tie (0.0 and -0.0 tie too), with infinities and
        // NaNs; negative values at the borders show that padding never wins.
        double[] values = {-1, 0.0, -0.0, 2, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        Random random = new Random(SEED + 2);
        double[] x = new double[(int) w.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(4) == 0 ? values[random.nextInt(values.length)] : values[random.nextInt(4)];
        }
        int outputs = (int) w.positions() * w.channels();
        double[] y = new double[outputs];
        Pooling.maxPoolForward(w, x, 0, y, 0);
        assertArrayEquals(naiveMaxPool(w, x), y);   // bit for bit: NaN, 0.0 and -0.0 all compared exactly
        // Whole-number gradients, distinct per output, so that sums are exact and tell the winners apart.
        double[] dy = new double[outputs];
        double[] expected = new double[x.length];
        int[] winners = firstMatchingCells(w, x, y);
        for (int i = 0; i < outputs; i++) {
            dy[i] = i + 1;
            expected[winners[i]] += dy[i];
        }
        // Offsets and a stale dx: backward must overwrite every element, covered by a window or not.
        double[] dx = new double[3 + x.length];
        Arrays.fill(dx, 7.5);
        double[] shiftedX = new double[2 + x.length];
        System.arraycopy(x, 0, shiftedX, 2, x.length);
        double[] shiftedY = new double[1 + outputs];
        System.arraycopy(y, 0, shiftedY, 1, outputs);
        Pooling.maxPoolBackward(w, shiftedX, 2, shiftedY, 1, dy, 0, dx, 3);
        assertArrayEquals(expected, Arrays.copyOfRange(dx, 3, dx.length));
    }

    @Test
    void overlappingWindowsAccumulateIntoASharedMaximum() {
        // One 3×3 image with the maximum in the centre; 2×2 windows at stride 1 all contain it.
        SlidingWindow w = new SlidingWindow(1, 3, 3, 1, 2, 2, 1, 1, Padding.VALID);
        double[] x = {0, 1, 0, 1, 9, 1, 0, 1, 0};
        double[] y = new double[4];
        Pooling.maxPoolForward(w, x, 0, y, 0);
        assertArrayEquals(new double[] {9, 9, 9, 9}, y);
        double[] dx = new double[9];
        Arrays.fill(dx, 0.5);
        Pooling.maxPoolBackward(w, x, 0, y, 0, new double[] {1, 2, 3, 4}, 0, dx, 0);
        assertArrayEquals(new double[] {0, 0, 0, 0, 10, 0, 0, 0, 0}, dx);
    }

    @Test
    void aNaNInAWindowIsItsMaximumAndItsWinner() {
        SlidingWindow w = new SlidingWindow(1, 2, 2, 2, 2, 2, 2, 2, Padding.VALID);
        double[] x = {1, 5, Double.NaN, 2, 3, 4, 7, -1};
        double[] y = new double[2];
        Pooling.maxPoolForward(w, x, 0, y, 0);
        assertArrayEquals(new double[] {Double.NaN, 5}, y);
        double[] dx = new double[8];
        Pooling.maxPoolBackward(w, x, 0, y, 0, new double[] {10, 20}, 0, dx, 0);
        assertArrayEquals(new double[] {0, 20, 10, 0, 0, 0, 0, 0}, dx);
    }

    @Test
    void rejectsShortArraysAndAnOutputThatIsNotInItsWindow() {
        SlidingWindow w = new SlidingWindow(2, 2, 2, 1, 2, 2, 2, 2, Padding.VALID);
        assertThrows(IllegalArgumentException.class,
                () -> Pooling.maxPoolForward(w, new double[8], 0, new double[1], 0));
        assertThrows(IllegalArgumentException.class,
                () -> Pooling.maxPoolBackward(w, new double[8], 0, new double[2], 0, new double[1], 0, new double[8], 0));
        assertThrows(IllegalArgumentException.class,
                () -> Pooling.maxPoolBackward(w, new double[8], 0, new double[2], 0, new double[2], 0, new double[7], 0));
        // Overlapping windows go through the general path, which checks that each output is in its window.
        SlidingWindow overlapping = new SlidingWindow(1, 3, 3, 1, 2, 2, 1, 1, Padding.VALID);
        IllegalArgumentException stale = assertThrows(IllegalArgumentException.class,
                () -> Pooling.maxPoolBackward(overlapping, new double[9], 0, new double[] {1, 0, 0, 0}, 0,
                        new double[4], 0, new double[9], 0));
        assertTrue(stale.getMessage().contains("not in its window"), stale.getMessage());
        SlidingWindow dilated = new SlidingWindow(1, 3, 3, 1, 2, 2, 1, 1, 2, 2, 0, 0, 0, 0);
        IllegalArgumentException dilation = assertThrows(IllegalArgumentException.class,
                () -> Pooling.maxPoolForward(dilated, new double[9], 0, new double[1], 0));
        assertTrue(dilation.getMessage().contains("dilation=(2, 2)"), dilation.getMessage());
    }

    private static double[] naiveMaxPool(SlidingWindow w, double[] x) {
        int c = w.channels();
        double[] y = new double[(int) w.positions() * c];
        for (int b = 0; b < w.batch(); b++) {
            for (int oy = 0; oy < w.outHeight(); oy++) {
                for (int ox = 0; ox < w.outWidth(); ox++) {
                    for (int ch = 0; ch < c; ch++) {
                        double best = Double.NEGATIVE_INFINITY;
                        for (int ky = 0; ky < w.kernelH(); ky++) {
                            for (int kx = 0; kx < w.kernelW(); kx++) {
                                int iy = oy * w.strideH() - w.padTop() + ky;
                                int ix = ox * w.strideW() - w.padLeft() + kx;
                                if (iy >= 0 && iy < w.height() && ix >= 0 && ix < w.width()) {
                                    best = Math.max(best, x[((b * w.height() + iy) * w.width() + ix) * c + ch]);
                                }
                            }
                        }
                        y[((b * w.outHeight() + oy) * w.outWidth() + ox) * c + ch] = best;
                    }
                }
            }
        }
        return y;
    }

    /**
     * The winners by their definition: for each output, the first inside cell of its window
     * (scanning ky then kx) equal to the output, or the first NaN when the output is NaN.
     */
    private static int[] firstMatchingCells(SlidingWindow w, double[] x, double[] y) {
        int c = w.channels();
        int[] argmax = new int[y.length];
        Arrays.fill(argmax, -1);
        for (int b = 0; b < w.batch(); b++) {
            for (int oy = 0; oy < w.outHeight(); oy++) {
                for (int ox = 0; ox < w.outWidth(); ox++) {
                    for (int ch = 0; ch < c; ch++) {
                        int out = ((b * w.outHeight() + oy) * w.outWidth() + ox) * c + ch;
                        for (int ky = 0; ky < w.kernelH() && argmax[out] < 0; ky++) {
                            for (int kx = 0; kx < w.kernelW() && argmax[out] < 0; kx++) {
                                int iy = oy * w.strideH() - w.padTop() + ky;
                                int ix = ox * w.strideW() - w.padLeft() + kx;
                                if (iy < 0 || iy >= w.height() || ix < 0 || ix >= w.width()) {
                                    continue;
                                }
                                int in = ((b * w.height() + iy) * w.width() + ix) * c + ch;
                                if (Double.isNaN(y[out]) ? Double.isNaN(x[in]) : x[in] == y[out]) {
                                    argmax[out] = in;
                                }
                            }
                        }
                    }
                }
            }
        }
        return argmax;
    }

    private static double[] negative(Random random, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = -1 - random.nextDouble();
        }
        return values;
    }

    private static double weightedSum(double[] weights, double[] values) {
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += weights[i] * values[i];
        }
        return sum;
    }
}
