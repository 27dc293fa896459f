package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Vector API transforms give the plain ones' results bit for bit, on runs that end in a
 * partial vector, at odd offsets, and on NaN, infinite and signed-zero values.
 */
class WinogradLoopsTest {
    private static final WinogradLoops SCALAR = ScalarWinogradLoops.INSTANCE;
    private static final WinogradLoops VECTOR = new VectorWinogradLoops();

    /** A signature shared by the six 1-D transforms. */
    private interface Rows {
        void apply(WinogradLoops loops, double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n);
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 7, 8, 32, 45, 64, 200})
    void theSixTransformsAgree(int n) {
        Random random = new Random(n);
        Rows[] transforms = {WinogradLoops::inputForward, WinogradLoops::inputAdjoint, WinogradLoops::outputForward,
            WinogradLoops::outputAdjoint, WinogradLoops::kernelForward, WinogradLoops::kernelAdjoint};
        for (Rows rows : transforms) {
            int sStep = n + 3;
            int dStep = n + 5;
            double[] s = SpecialValues.of(random, 3 + 6 * sStep);
            double[] expected = SpecialValues.of(random, 2 + 6 * dStep);
            double[] actual = expected.clone();
            rows.apply(SCALAR, s, 3, sStep, expected, 2, dStep, n);
            rows.apply(VECTOR, s, 3, sStep, actual, 2, dStep, n);
            assertArrayEquals(expected, actual, 0.0);
        }
    }
}
