package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Vector API direct-convolution rows and their gradient give the plain ones' results bit
 * for bit, for filter counts that are and are not whole vectors.
 */
class DirectConvLoopsTest {
    private static final DirectConvLoops SCALAR = ScalarDirectConvLoops.INSTANCE;
    private static final DirectConvLoops VECTOR = new VectorDirectConvLoops();

    @ParameterizedTest(name = "filters = {0}")
    @ValueSource(ints = {5, 8, 32, 40, 64})
    void directConvolutionRowsAgree(int filters) {
        Random random = new Random(300 + filters);
        int count = 7;
        int pixStep = 4;
        int[] taps = {0, 1, 2, 3, 40, 41, 42, 43, 80, 81, 82, 83};   // 3×2 taps of 2 channels, rows 40 apart
        double[] x = SpecialValues.of(random, 3 + 84 + count * pixStep);
        double[] k = SpecialValues.of(random, taps.length * filters);
        double[] bias = SpecialValues.of(random, filters);
        for (boolean relu : new boolean[] {true, false}) {
            double[] expected = new double[1 + count * filters];
            double[] actual = new double[1 + count * filters];
            SCALAR.convRow(x, 3, pixStep, taps, k, filters, bias, relu, expected, 1, count);
            VECTOR.convRow(x, 3, pixStep, taps, k, filters, bias, relu, actual, 1, count);
            assertArrayEquals(expected, actual, 0.0);
        }
        double[] g = SpecialValues.of(random, 2 + count * filters);
        double[] expectedKernel = SpecialValues.of(new Random(1), 1 + taps.length * filters);
        double[] actualKernel = expectedKernel.clone();
        double[] expectedBias = SpecialValues.of(new Random(2), 1 + filters);
        double[] actualBias = expectedBias.clone();
        SCALAR.convRowGrad(x, 3, pixStep, taps, g, 2, filters, count, expectedKernel, 1, expectedBias, 1);
        VECTOR.convRowGrad(x, 3, pixStep, taps, g, 2, filters, count, actualKernel, 1, actualBias, 1);
        assertArrayEquals(expectedKernel, actualKernel, 0.0);
        assertArrayEquals(expectedBias, actualBias, 0.0);
    }
}
