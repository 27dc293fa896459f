package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Vector API loops give the plain ones' results bit for bit, on runs that end in a partial
 * vector, at odd offsets, and on NaN, infinite and signed-zero values.
 */
class SimdTest {
    private static final Simd SCALAR = ScalarSimd.INSTANCE;
    private static final Simd VECTOR = new VectorSimd();

    /** A signature shared by the four 1-D transforms. */
    private interface Rows {
        void apply(Simd simd, double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n);
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 7, 8, 32, 45, 64, 200})
    void winogradTransformsAgree(int n) {
        Random random = new Random(n);
        Rows[] transforms = {Simd::inputForward, Simd::inputAdjoint, Simd::outputForward, Simd::outputAdjoint};
        for (Rows rows : transforms) {
            int sStep = n + 3;
            int dStep = n + 5;
            double[] s = values(random, 3 + 6 * sStep);
            double[] expected = values(random, 2 + 6 * dStep);
            double[] actual = expected.clone();
            rows.apply(SCALAR, s, 3, sStep, expected, 2, dStep, n);
            rows.apply(VECTOR, s, 3, sStep, actual, 2, dStep, n);
            assertArrayEquals(expected, actual, 0.0);
        }
    }

    @ParameterizedTest(name = "cols = {0}")
    @ValueSource(ints = {1, 7, 8, 32, 45, 64})
    void biasAndReluAgree(int cols) {
        Random random = new Random(cols);
        int rows = 5;
        int ld = cols + 3;
        double[] bias = values(random, cols + 1);
        for (double[] b : new double[][] {bias, null}) {
            for (boolean relu : new boolean[] {true, false}) {
                double[] expected = values(random, 1 + rows * ld);
                double[] actual = expected.clone();
                SCALAR.biasRelu(expected, 1, ld, rows, cols, b, 1, relu);
                VECTOR.biasRelu(actual, 1, ld, rows, cols, b, 1, relu);
                assertArrayEquals(expected, actual, 0.0);
            }
        }
    }

    @ParameterizedTest(name = "cols = {0}")
    @ValueSource(ints = {1, 7, 8, 32, 45, 64})
    void reluMaskAndColumnSumsAgree(int cols) {
        Random random = new Random(100 + cols);
        int rows = 6;
        double[] g = values(random, 2 + rows * cols);
        double[] y = values(random, 4 + rows * cols);
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(y[i], 0.0);   // a rectified output: ≥ 0 or NaN
        }
        y[5] = Double.MIN_VALUE;
        for (boolean withSums : new boolean[] {true, false}) {
            double[] expected = new double[3 + rows * cols];
            double[] actual = new double[3 + rows * cols];
            double[] expectedSums = withSums ? new double[cols + 2] : null;
            double[] actualSums = withSums ? new double[cols + 2] : null;
            SCALAR.reluMask(g, 2, y, 4, expected, 3, rows, cols, expectedSums, 2);
            VECTOR.reluMask(g, 2, y, 4, actual, 3, rows, cols, actualSums, 2);
            assertArrayEquals(expected, actual, 0.0);
            if (withSums) {
                assertArrayEquals(expectedSums, actualSums, 0.0);
            }
        }
        double[] expectedSums = new double[cols + 1];
        double[] actualSums = new double[cols + 1];
        SCALAR.columnSums(g, 2, rows, cols, expectedSums, 1);
        VECTOR.columnSums(g, 2, rows, cols, actualSums, 1);
        assertArrayEquals(expectedSums, actualSums, 0.0);
    }

    /** Gaussian values with a few NaNs, infinities and negative zeros mixed in. */
    private static double[] values(Random random, int n) {
        double[] a = new double[n];
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0};
        for (int i = 0; i < n; i++) {
            a[i] = random.nextInt(20) == 0 ? special[random.nextInt(special.length)] : random.nextGaussian();
        }
        return a;
    }

    @ParameterizedTest(name = "c = {0}")
    @ValueSource(ints = {1, 7, 8, 32, 45, 64})
    void maxOfFourAndItsBackwardAgree(int c) {
        Random random = new Random(200 + c);
        double[] x = values(random, 10 + 4 * c);
        // Ties between cells, so that the first-winner rule is exercised.
        for (int ch = 0; ch < c; ch += 3) {
            x[10 + 2 * c + ch] = x[10 + c + ch];
        }
        int[] cells = {10, 10 + c, 10 + 2 * c, 10 + 3 * c};
        double[] expected = new double[c + 1];
        double[] actual = new double[c + 1];
        SCALAR.maxOfFour(x, cells[0], cells[1], cells[2], cells[3], c, expected, 1);
        VECTOR.maxOfFour(x, cells[0], cells[1], cells[2], cells[3], c, actual, 1);
        assertArrayEquals(expected, actual, 0.0);
        double[] dy = values(random, c + 2);
        double[] expectedDx = values(new Random(3), 13 + 4 * c);
        double[] actualDx = expectedDx.clone();
        SCALAR.maxOfFourBackward(x, cells[0], cells[1], cells[2], cells[3], c, expected, 1, dy, 2, expectedDx, 3);
        VECTOR.maxOfFourBackward(x, cells[0], cells[1], cells[2], cells[3], c, expected, 1, dy, 2, actualDx, 3);
        assertArrayEquals(expectedDx, actualDx, 0.0);
    }

    @ParameterizedTest(name = "filters = {0}")
    @ValueSource(ints = {5, 8, 32, 40, 64})
    void directConvolutionRowsAgree(int filters) {
        Random random = new Random(300 + filters);
        int count = 7;
        int pixStep = 4;
        int[] taps = {0, 1, 2, 3, 40, 41, 42, 43, 80, 81, 82, 83};   // 3×2 taps of 2 channels, rows 40 apart
        double[] x = values(random, 3 + 84 + count * pixStep);
        double[] k = values(random, taps.length * filters);
        double[] bias = values(random, filters);
        for (boolean relu : new boolean[] {true, false}) {
            double[] expected = new double[1 + count * filters];
            double[] actual = new double[1 + count * filters];
            SCALAR.convRow(x, 3, pixStep, taps, k, filters, bias, relu, expected, 1, count);
            VECTOR.convRow(x, 3, pixStep, taps, k, filters, bias, relu, actual, 1, count);
            assertArrayEquals(expected, actual, 0.0);
        }
        double[] g = values(random, 2 + count * filters);
        double[] expectedKernel = values(new Random(1), 1 + taps.length * filters);
        double[] actualKernel = expectedKernel.clone();
        double[] expectedBias = values(new Random(2), 1 + filters);
        double[] actualBias = expectedBias.clone();
        SCALAR.convRowGrad(x, 3, pixStep, taps, g, 2, filters, count, expectedKernel, 1, expectedBias, 1);
        VECTOR.convRowGrad(x, 3, pixStep, taps, g, 2, filters, count, actualKernel, 1, actualBias, 1);
        assertArrayEquals(expectedKernel, actualKernel, 0.0);
        assertArrayEquals(expectedBias, actualBias, 0.0);
    }
}
