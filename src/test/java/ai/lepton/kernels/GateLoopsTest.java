package ai.lepton.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recurrent cells' exponential, logistic and tanh loops: close to {@code Math}'s functions,
 * saturating without overflow, NaN-preserving, and bit-identical between the plain and the Vector
 * API versions.
 */
class GateLoopsTest {
    private static final GateLoops SCALAR = ScalarGateLoops.INSTANCE;
    private static final GateLoops VECTOR = new VectorGateLoops();
    /** e^x within this many ulps of {@code Math.exp}, itself within one ulp of e^x. */
    private static final double EXP_ULPS = 2;
    private static final double ABSOLUTE_TOLERANCE = 4e-16;

    @Test
    void exponentialIsWithinAFewUlpsOverTheWholeRange() {
        Random random = new Random(1);
        for (int i = 0; i < 200_000; i++) {
            double x = (random.nextDouble() * 2 - 1) * 708;
            double expected = Math.exp(x);
            assertEquals(expected, ScalarGateLoops.exp(x), EXP_ULPS * Math.ulp(expected), "x=" + x);
        }
        assertEquals(1.0, ScalarGateLoops.exp(0.0), 0.0);
        assertEquals(Math.exp(709.0), ScalarGateLoops.exp(1e6), EXP_ULPS * Math.ulp(Math.exp(709.0)));
        assertTrue(ScalarGateLoops.exp(-1e6) < 1e-307);
        assertTrue(Double.isNaN(ScalarGateLoops.exp(Double.NaN)));
    }

    @Test
    void logisticAndTanhAreCloseToTheirDefinitions() {
        Random random = new Random(2);
        double[] x = new double[100_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian() * (i % 2 == 0 ? 3 : 1e-3);
        }
        double[] s = x.clone();
        double[] t = x.clone();
        SCALAR.sigmoid(s, 0, s.length);
        SCALAR.tanh(t, 0, t.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(1 / (1 + Math.exp(-x[i])), s[i], ABSOLUTE_TOLERANCE, "sigmoid " + x[i]);
            assertEquals(Math.tanh(x[i]), t[i], ABSOLUTE_TOLERANCE, "tanh " + x[i]);
        }
    }

    @Test
    void extremeArgumentsSaturateAndNaNStaysNaN() {
        double[] v = {-1e300, -800, 800, 1e300, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN};
        double[] s = v.clone();
        double[] t = v.clone();
        SCALAR.sigmoid(s, 0, v.length);
        SCALAR.tanh(t, 0, v.length);
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 1}, java.util.Arrays.copyOf(s, 6), 1e-300);
        assertArrayEquals(new double[] {-1, -1, 1, 1, -1, 1}, java.util.Arrays.copyOf(t, 6), 0.0);
        assertTrue(Double.isNaN(s[6]) && Double.isNaN(t[6]));
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 7, 8, 33, 64, 257})
    void vectorLoopsGiveThePlainResultsBitForBit(int n) {
        Random random = new Random(n);
        double[] x = new double[n + 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian() * (i % 3 == 0 ? 40 : 2);
        }
        x[1] = Double.NaN;
        x[2] = -0.0;
        for (boolean sigmoid : new boolean[] {true, false}) {
            double[] expected = x.clone();
            double[] actual = x.clone();
            if (sigmoid) {
                SCALAR.sigmoid(expected, 1, n);
                VECTOR.sigmoid(actual, 1, n);
            } else {
                SCALAR.tanh(expected, 1, n);
                VECTOR.tanh(actual, 1, n);
            }
            assertArrayEquals(expected, actual, 0.0);
        }
    }
}
