package ai.lepton.autograd;

/**
 * The error function {@code erf(x) = 2/sqrt(pi) * integral from 0 to x of e^(-t^2) dt} and its
 * complement {@code erfc(x) = 1 - erf(x)}, which Java's {@code Math} lacks; {@link Gelu} needs
 * them. W. J. Cody's rational Chebyshev approximations (Math. Comp. 23, 1969, and his CALERF
 * routine): relative error below about 1e-15 on the whole real line. {@code erfc} keeps its
 * relative accuracy in the far tail, where {@code 1 - erf(x)} would cancel to zero.
 *
 * <pre>{@code
 * double p = 0.5 * ErrorFunction.erfc(-x / Math.sqrt(2));   // the standard normal CDF at x
 * }</pre>
 */
final class ErrorFunction {
    private static final double THRESHOLD = 0.46875;
    /** Beyond this erfc underflows to 0. */
    private static final double ERFC_ZERO = 26.543;
    private static final double ONE_OVER_SQRT_PI = 5.6418958354775628695e-1;

    /** |x| <= 0.46875: erf(x) = x * A(x^2) / B(x^2). */
    private static final double[] A = {
        3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
        3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {
        2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
        2.84423683343917062e03};
    /** 0.46875 < |x| <= 4: erfc(x) = e^(-x^2) C(x) / D(x). */
    private static final double[] C = {
        5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
        2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03,
        2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8};
    private static final double[] D = {
        1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
        1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03,
        3.43936767414372164e03, 1.23033935480374942e03};
    /** |x| > 4: erfc(x) = e^(-x^2) / x * (1/sqrt(pi) + P(1/x^2) / (x^2 Q(1/x^2))). */
    private static final double[] P = {
        3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
        1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] Q = {
        2.56852019228982242e00, 1.87295284992346725e00, 5.27905102951428412e-1,
        6.05183413124413191e-2, 2.33520497626869185e-3};

    private ErrorFunction() {
    }

    /**
     * @param x any value
     * @return erf(x), in [-1, 1]
     */
    static double erf(double x) {
        double y = Math.abs(x);
        if (y <= THRESHOLD) {
            return x * small(y * y);
        }
        double r = (0.5 - erfcPositive(y)) + 0.5;
        return x < 0 ? -r : r;
    }

    /**
     * @param x any value
     * @return erfc(x) = 1 - erf(x), in [0, 2]
     */
    static double erfc(double x) {
        double y = Math.abs(x);
        if (y <= THRESHOLD) {
            return 1.0 - x * small(y * y);
        }
        double r = erfcPositive(y);
        return x < 0 ? 2.0 - r : r;
    }

    /** erf(x) / x for x^2 = {@code ysq} <= 0.46875^2. */
    private static double small(double ysq) {
        double num = A[4] * ysq;
        double den = ysq;
        for (int i = 0; i < 3; i++) {
            num = (num + A[i]) * ysq;
            den = (den + B[i]) * ysq;
        }
        return (num + A[3]) / (den + B[3]);
    }

    /** erfc(y) for y > 0.46875. */
    private static double erfcPositive(double y) {
        if (y >= ERFC_ZERO) {
            return 0.0;
        }
        double r;
        if (y <= 4.0) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            r = (num + C[7]) / (den + D[7]);
        } else {
            double z = 1.0 / (y * y);
            double num = P[5] * z;
            double den = z;
            for (int i = 0; i < 4; i++) {
                num = (num + P[i]) * z;
                den = (den + Q[i]) * z;
            }
            r = (ONE_OVER_SQRT_PI - z * (num + P[4]) / (den + Q[4])) / y;
        }
        // e^(-y^2) as e^(-t^2) e^(-(y-t)(y+t)) with t = y rounded down to 1/16: t^2 is exact,
        // so the large exponent carries no rounding error.
        double t = Math.floor(y * 16.0) / 16.0;
        return Math.exp(-t * t) * Math.exp(-(y - t) * (y + t)) * r;
    }
}
