package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Vector API GEMV loop gives the plain one's results bit for bit, on widths that end in a
 * partial vector, at offsets and strides, and on NaN, infinite and signed-zero values.
 */
class GemvLoopsTest {
    private static final GemvLoops SCALAR = ScalarGemvLoops.INSTANCE;
    private static final GemvLoops VECTOR = new VectorGemvLoops();

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 7, 8, 32, 45, 64, 128, 200})
    void theTwoLoopsAgree(int n) {
        Random random = new Random(n);
        for (int depth : new int[] {0, 1, 5, 196}) {
            int xStep = 3;
            int ldb = n + 2;
            double[] x = SpecialValues.of(random, 1 + depth * xStep);
            double[] b = SpecialValues.of(random, 4 + depth * ldb);
            double[] expected = SpecialValues.of(random, n + 7);
            double[] actual = expected.clone();
            SCALAR.multiply(x, 1, xStep, depth, b, 4, ldb, n, expected, 5);
            VECTOR.multiply(x, 1, xStep, depth, b, 4, ldb, n, actual, 5);
            assertArrayEquals(expected, actual, 0.0, "depth " + depth);
        }
    }
}
