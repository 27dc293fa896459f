package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Vector API 2×2 max pool and its backward give the plain ones' results bit for bit, ties
 * and NaNs included.
 */
class MaxPoolLoopsTest {
    private static final MaxPoolLoops SCALAR = ScalarMaxPoolLoops.INSTANCE;
    private static final MaxPoolLoops VECTOR = new VectorMaxPoolLoops();

    @ParameterizedTest(name = "c = {0}")
    @ValueSource(ints = {1, 7, 8, 32, 45, 64})
    void maxOfFourAndItsBackwardAgree(int c) {
        Random random = new Random(200 + c);
        double[] x = SpecialValues.of(random, 10 + 4 * c);
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
        double[] dy = SpecialValues.of(random, c + 2);
        double[] expectedDx = SpecialValues.of(new Random(3), 13 + 4 * c);
        double[] actualDx = expectedDx.clone();
        SCALAR.maxOfFourBackward(x, cells[0], cells[1], cells[2], cells[3], c, expected, 1, dy, 2, expectedDx, 3);
        VECTOR.maxOfFourBackward(x, cells[0], cells[1], cells[2], cells[3], c, expected, 1, dy, 2, actualDx, 3);
        assertArrayEquals(expectedDx, actualDx, 0.0);
    }
}
