package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BiasReluTest {
    private static final int ROWS = 7;
    private static final int COLS = 5;

    private static double[] random(int n, long seed) {
        return new SplittableRandom(seed).doubles(n, -1, 1).toArray();
    }

    @ParameterizedTest(name = "bias={0} relu={1}")
    @CsvSource({"true, true", "true, false", "false, true", "false, false"})
    void forwardMatchesTheTextbookLoop(boolean withBias, boolean relu) {
        double[] y = random(ROWS * COLS, 1);
        double[] bias = withBias ? random(COLS, 2) : null;
        double[] expected = new double[y.length];
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < COLS; j++) {
                double v = y[r * COLS + j] + (bias == null ? 0 : bias[j]);
                expected[r * COLS + j] = relu && v < 0 ? 0 : v;
            }
        }
        BiasRelu.forward(y, 0, ROWS, COLS, bias, relu);
        assertArrayEquals(expected, y, 0.0);
    }

    @Test
    void backwardPassesTheGradientExactlyWhereTheOutputIsPositive() {
        double[] y = {0.0, 1e-320, 3.5, Double.MIN_VALUE, 0.0, 1e300};
        double[] g = {2.0, -3.0, 0.25, 7.0, -1.0, 1e-300};
        double[] dz = new double[g.length];
        BiasRelu.backward(g, 0, y, 0, dz, 0, 2, 3, null, 0);
        assertArrayEquals(new double[] {0.0, -3.0, 0.25, 7.0, 0.0, 1e-300}, dz, 0.0);
    }

    @Test
    void backwardWithSumsMasksAndSumsExactlyAsTheTwoSeparateSteps() {
        double[] y = random(ROWS * COLS, 4);
        for (int i = 0; i < y.length; i += 3) {
            y[i] = 0.0;
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.abs(y[i]);
        }
        double[] g = random(ROWS * COLS, 5);
        double[] masked = new double[g.length];
        BiasRelu.backward(g, 0, y, 0, masked, 0, ROWS, COLS, null, 0);
        double[] expected = new double[COLS];
        BiasRelu.columnSums(masked, 0, ROWS, COLS, expected, 0);
        double[] dz = new double[g.length + 1];
        double[] sums = new double[COLS + 1];
        BiasRelu.backward(g, 0, y, 0, dz, 1, ROWS, COLS, sums, 1);
        assertArrayEquals(masked, Arrays.copyOfRange(dz, 1, dz.length), 0.0);
        assertArrayEquals(expected, Arrays.copyOfRange(sums, 1, sums.length), 0.0);
        for (int i = 0; i < y.length; i++) {
            assertEquals(y[i] > 0 ? g[i] : 0.0, masked[i], 0.0);
        }
    }

    @Test
    void columnSumsAddRowsInOrder() {
        double[] g = random(ROWS * COLS, 3);
        double[] expected = new double[COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < COLS; j++) {
                expected[j] += g[r * COLS + j];
            }
        }
        double[] sums = new double[COLS + 2];
        Arrays.fill(sums, 7.0);
        BiasRelu.columnSums(g, 0, ROWS, COLS, sums, 1);
        assertArrayEquals(expected, Arrays.copyOfRange(sums, 1, COLS + 1), 0.0);
        assertEquals(7.0, sums[0]);
        assertEquals(7.0, sums[COLS + 1]);
    }
}
