package ai.lepton.kernels;

/**
 * {@link GateLoops} in plain Java: the same operations in the same order as
 * {@link VectorGateLoops}, one element at a time.
 */
final class ScalarGateLoops implements GateLoops {

    static final ScalarGateLoops INSTANCE = new ScalarGateLoops();

    /** Arguments outside this range would make 2^k leave the normal doubles. */
    static final double MIN_ARGUMENT = -708.0;
    static final double MAX_ARGUMENT = 709.0;
    static final double LOG2E = 1.4426950408889634;
    /** Adding 1.5·2^52 rounds to an integer, which then sits in the low bits of the sum. */
    static final double SHIFTER = 0x1.8p52;
    static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    /** ln 2 split so that k·LN2_HI is exact for |k| < 2^11 (fdlibm's constants). */
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1/13!, 1/12!, ..., 1/2!, 1, 1: Taylor's coefficients of e^r, highest degree first. */
    static final double[] TAYLOR = taylor();

    private ScalarGateLoops() {
    }

    private static double[] taylor() {
        double[] c = new double[14];
        double factorial = 1;
        for (int k = 1; k <= 13; k++) {
            factorial *= k;
            c[13 - k] = 1.0 / factorial;
        }
        c[13] = 1.0;
        return c;
    }

    /**
     * e^x as the class documentation of {@link GateLoops} describes.
     *
     * @param x the argument
     * @return e^x, within a few ulps for x in [-708, 709]
     */
    static double exp(double x) {
        double clamped = Math.min(Math.max(x, MIN_ARGUMENT), MAX_ARGUMENT);
        double t = clamped * LOG2E + SHIFTER;
        double k = t - SHIFTER;
        double r = clamped - k * LN2_HI - k * LN2_LO;
        double p = TAYLOR[0];
        for (int i = 1; i < TAYLOR.length; i++) {
            p = p * r + TAYLOR[i];
        }
        long scale = (Double.doubleToRawLongBits(t) - SHIFTER_BITS + 1023) << 52;
        return p * Double.longBitsToDouble(scale);
    }

    @Override
    public void sigmoid(double[] v, int off, int n) {
        for (int i = off; i < off + n; i++) {
            v[i] = 1.0 / (1.0 + exp(-v[i]));
        }
    }

    @Override
    public void tanh(double[] v, int off, int n) {
        for (int i = off; i < off + n; i++) {
            double x = v[i];
            double e = exp(-2.0 * Math.abs(x));
            double t = (1.0 - e) / (1.0 + e);
            v[i] = x < 0 ? -t : t;
        }
    }
}
