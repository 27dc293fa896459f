package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Vector API max pool loops (2×2 and any window) and their backward give the plain ones'
 * results bit for bit, ties and NaNs included, and both refuse an output missing from its window.
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

    @ParameterizedTest(name = "c = {0}")
    @ValueSource(ints = {1, 7, 8, 32, 45, 64})
    void anyWindowAndItsBackwardAgree(int c) {
        Random random = new Random(400 + c);
        // Six cells in no particular order, with ties between the second, fourth and sixth.
        int[] cells = {4 * c + 1, 1, 2 * c + 1, 5 * c + 1, c + 1, 3 * c + 1};
        double[] x = SpecialValues.of(random, 6 * c + 1);
        for (int ch = 0; ch < c; ch += 2) {
            x[cells[3] + ch] = x[cells[1] + ch];
            x[cells[5] + ch] = x[cells[1] + ch];
        }
        double[] expected = new double[c + 1];
        double[] actual = new double[c + 1];
        SCALAR.maxOfCells(x, cells, 6, expected, 1, 0, c);
        VECTOR.maxOfCells(x, cells, 6, actual, 1, 0, c);
        assertArrayEquals(expected, actual, 0.0);
        double[] dy = SpecialValues.of(random, c + 2);
        double[] expectedDx = SpecialValues.of(new Random(6), x.length + 3);
        double[] actualDx = expectedDx.clone();
        SCALAR.maxOfCellsBackward(x, cells, 6, expected, 1, dy, 2, expectedDx, 3, 0, c);
        VECTOR.maxOfCellsBackward(x, cells, 6, expected, 1, dy, 2, actualDx, 3, 0, c);
        assertArrayEquals(expectedDx, actualDx, 0.0);
    }

    @ParameterizedTest(name = "c = {0}")
    @ValueSource(ints = {3, 8, 13})
    void anOutputMissingFromItsWindowIsAnError(int c) {
        double[] x = new double[2 * c];
        double[] y = new double[c];
        y[c - 1] = 5;
        for (MaxPoolLoops loops : new MaxPoolLoops[] {SCALAR, VECTOR}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loops.maxOfCellsBackward(x, new int[] {0, c}, 2, y, 0, new double[c], 0, new double[2 * c], 0, 0, c));
            assertTrue(e.getMessage().contains("output 5.0 is not in its window"), e.getMessage());
        }
    }
}
