package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class ErrorFunctionTest {
    private static final double RELATIVE_TOLERANCE = 2e-15;
    private static final MathContext MC = new MathContext(160);
    private static final BigDecimal PI = new BigDecimal(
            "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651328230664709384460955058223172535940812848111745");

    /** erf by its Maclaurin series, 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1)), in 160 digits. */
    private static BigDecimal erfSeries(double x) {
        BigDecimal bx = new BigDecimal(x);
        BigDecimal x2 = bx.multiply(bx, MC);
        BigDecimal term = bx;                 // (-1)^n x^(2n+1) / n!
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(150);
        for (int n = 0; n < 2000; n++) {
            BigDecimal add = term.divide(BigDecimal.valueOf(2L * n + 1), MC);
            sum = sum.add(add, MC);
            if (add.abs().compareTo(epsilon) < 0 && n > x * x) {
                break;
            }
            term = term.multiply(x2, MC).divide(BigDecimal.valueOf(n + 1), MC).negate();
        }
        BigDecimal twoOverSqrtPi = BigDecimal.valueOf(2).divide(PI.sqrt(MC), MC);
        return sum.multiply(twoOverSqrtPi, MC);
    }

    private static void assertRelative(double expected, double actual, String what) {
        double error = Math.abs(actual - expected) / Math.abs(expected);
        assertEquals(0.0, error, RELATIVE_TOLERANCE, what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void erfAndErfcMatchAHighPrecisionSeriesAcrossAllThreeRanges() {
        for (double x = -9.0; x <= 9.0; x += 0.0625 * 1.37) {
            if (x == 0) {
                continue;
            }
            BigDecimal erf = erfSeries(x);
            assertRelative(erf.doubleValue(), ErrorFunction.erf(x), "erf(" + x + ")");
            assertRelative(BigDecimal.ONE.subtract(erf, MC).doubleValue(), ErrorFunction.erfc(x), "erfc(" + x + ")");
        }
    }

    @Test
    void rangeBoundariesAndLimits() {
        for (double x : new double[] {0.46875, Math.nextUp(0.46875), 4.0, Math.nextUp(4.0), 1e-10}) {
            BigDecimal erf = erfSeries(x);
            assertRelative(erf.doubleValue(), ErrorFunction.erf(x), "erf(" + x + ")");
            assertRelative(BigDecimal.ONE.subtract(erf, MC).doubleValue(), ErrorFunction.erfc(x), "erfc(" + x + ")");
        }
        assertEquals(0.0, ErrorFunction.erf(0.0));
        assertEquals(1.0, ErrorFunction.erfc(0.0));
        assertEquals(1.0, ErrorFunction.erf(40.0));
        assertEquals(-1.0, ErrorFunction.erf(-40.0));
        assertEquals(0.0, ErrorFunction.erfc(40.0));
        assertEquals(2.0, ErrorFunction.erfc(-40.0));
    }
}
