package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Vector API bias, ReLU and column-sum loops give the plain ones' results bit for bit, on
 * rows that end in a partial vector, at odd offsets, and on NaN, infinite and signed-zero values.
 */
class BiasReluLoopsTest {
    private static final BiasReluLoops SCALAR = ScalarBiasReluLoops.INSTANCE;
    private static final BiasReluLoops VECTOR = new VectorBiasReluLoops();

    @ParameterizedTest(name = "cols = {0}")
    @ValueSource(ints = {1, 7, 8, 32, 45, 64})
    void biasAndReluAgree(int cols) {
        Random random = new Random(cols);
        int rows = 5;
        int ld = cols + 3;
        double[] bias = SpecialValues.of(random, cols + 1);
        for (double[] b : new double[][] {bias, null}) {
            for (boolean relu : new boolean[] {true, false}) {
                double[] expected = SpecialValues.of(random, 1 + rows * ld);
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
        double[] g = SpecialValues.of(random, 2 + rows * cols);
        double[] y = SpecialValues.of(random, 4 + rows * cols);
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
}
