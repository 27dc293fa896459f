package ai.lepton.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The logistic function and tanh of {@code ai.lepton.kernels.GateLoops} on the Vector API.
 * Internal to Lepton; {@code GateLoops}'s documentation gives the arithmetic. The constants and
 * the order of operations are those of the plain version ({@code ScalarGateLoops}), which makes
 * the results bit-identical to it.
 */
public final class GateVectors {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final double MIN_ARGUMENT = -708.0;
    private static final double MAX_ARGUMENT = 709.0;
    private static final double LOG2E = 1.4426950408889634;
    private static final double SHIFTER = 0x1.8p52;
    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double[] TAYLOR = taylor();

    private GateVectors() {
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
     * The doubles per vector; the loops below handle whole vectors only.
     *
     * @return e.g. 8 with 512-bit vectors
     */
    public static int lanes() {
        return LANES;
    }

    private static DoubleVector exp(DoubleVector x) {
        DoubleVector clamped = x.max(MIN_ARGUMENT).min(MAX_ARGUMENT);
        DoubleVector t = clamped.mul(LOG2E).add(SHIFTER);
        DoubleVector k = t.sub(SHIFTER);
        DoubleVector r = clamped.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
        // Horner's rule written out, and 2^k built by a multiplication rather than a lane shift: on
        // JDK 17, C2 sometimes left a vector carried round a loop, or the shift, to the Vector
        // API's slow Java fallback, for every call of the caller. The bits are the same.
        DoubleVector p = DoubleVector.broadcast(SPECIES, TAYLOR[0]);
        p = p.mul(r).add(TAYLOR[1]);
        p = p.mul(r).add(TAYLOR[2]);
        p = p.mul(r).add(TAYLOR[3]);
        p = p.mul(r).add(TAYLOR[4]);
        p = p.mul(r).add(TAYLOR[5]);
        p = p.mul(r).add(TAYLOR[6]);
        p = p.mul(r).add(TAYLOR[7]);
        p = p.mul(r).add(TAYLOR[8]);
        p = p.mul(r).add(TAYLOR[9]);
        p = p.mul(r).add(TAYLOR[10]);
        p = p.mul(r).add(TAYLOR[11]);
        p = p.mul(r).add(TAYLOR[12]);
        p = p.mul(r).add(TAYLOR[13]);
        DoubleVector scale = t.reinterpretAsLongs().sub(SHIFTER_BITS - 1023).mul(1L << 52).reinterpretAsDoubles();
        return p.mul(scale);
    }

    /**
     * {@code v[i] = 1 / (1 + e^-v[i])}.
     *
     * @param v   the values (modified)
     * @param off the first index
     * @param n   how many, a multiple of {@link #lanes()}
     */
    public static void sigmoid(double[] v, int off, int n) {
        for (int i = off; i < off + n; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, v, i);
            DoubleVector.broadcast(SPECIES, 1.0).div(exp(x.neg()).add(1.0)).intoArray(v, i);
        }
    }

    /**
     * {@code v[i] = tanh v[i]}.
     *
     * @param v   the values (modified)
     * @param off the first index
     * @param n   how many, a multiple of {@link #lanes()}
     */
    public static void tanh(double[] v, int off, int n) {
        for (int i = off; i < off + n; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, v, i);
            DoubleVector e = exp(x.abs().mul(-2.0));
            DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
            DoubleVector t = one.sub(e).div(one.add(e));
            t.blend(t.neg(), x.compare(VectorOperators.LT, 0.0)).intoArray(v, i);
        }
    }
}
