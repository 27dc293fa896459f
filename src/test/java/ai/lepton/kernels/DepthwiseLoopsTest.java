package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Vector API depthwise loops give the plain ones' results bit for bit, with and without a
 * bias, over channel counts below, at and past a whole number of vectors.
 */
class DepthwiseLoopsTest {
    private static final DepthwiseLoops SCALAR = ScalarDepthwiseLoops.INSTANCE;
    private static final DepthwiseLoops VECTOR = new VectorDepthwiseLoops();

    @ParameterizedTest(name = "c = {0}")
    @ValueSource(ints = {1, 3, 8, 13, 32, 67})
    void aPixelAndARowOfKernelGradientsAgree(int c) {
        Random random = new Random(300 + c);
        int taps = 5;
        // Each tap's input pixel and filters at their own places, in no particular order.
        int[] xs = {4 * c + 2, 1, 2 * c + 1, 6 * c + 3, 3 * c + 2};
        int[] ks = {2 * c, 0, 4 * c, c, 3 * c};
        double[] x = SpecialValues.of(random, 7 * c + 3);
        double[] k = SpecialValues.of(random, 5 * c);
        double[] bias = SpecialValues.of(random, c);
        for (double[] b : new double[][] {bias, null}) {
            double[] expected = new double[c + 2];
            double[] actual = new double[c + 2];
            SCALAR.pixel(x, xs, k, ks, taps, b, expected, 2, 0, c);
            VECTOR.pixel(x, xs, k, ks, taps, b, actual, 2, 0, c);
            assertArrayEquals(expected, actual, 0.0);
        }
        double[] expectedDk = SpecialValues.of(new Random(5), k.length);
        double[] actualDk = expectedDk.clone();
        // A row of three outputs, c + 1 apart in g, whose input pixels lie 2c apart in x.
        double[] row = SpecialValues.of(random, 3 * c + 4);
        SCALAR.rowKernelGradient(x, 1, 2 * c, row, 2, c + 1, 3, expectedDk, c, 0, c);
        VECTOR.rowKernelGradient(x, 1, 2 * c, row, 2, c + 1, 3, actualDk, c, 0, c);
        assertArrayEquals(expectedDk, actualDk, 0.0);
    }
}
