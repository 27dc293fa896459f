package ai.lepton.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
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
    /** Long lanes of the same width, for building 2^k. */
    private static final VectorSpecies<Long> LONG_SPECIES = VectorSpecies.of(long.class, SPECIES.vectorShape());
    private static final double MIN_ARGUMENT = -708.0;
    private static final double MAX_ARGUMENT = 709.0;
    private static final double LOG2E = 1.4426950408889634;
    private static final double SHIFTER = 0x1.8p52;
    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double[] TAYLOR = taylor();
    /** Values of tanh's exponentials computed before they are used: 64, in the L1 cache. */
    private static final int TANH_BLOCK = 64;

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

    /**
     * {@code e[eOff + j] = exp(scale · v[off + j])} for j below n: the kernel of {@link #sigmoid}
     * and {@link #tanh}. It works on arrays, not on a vector argument: on JDK 17, C2 sometimes
     * compiled a vector-to-vector helper on its own first, then would not inline its large code
     * into the loops that called it, and every Vector API call of the helper ran the API's slow
     * Java fallback (a quarter to 40% of an LSTM step). Horner's rule is written out and 2^k built
     * by a multiplication for the same reason.
     */
    private static void exp(double[] v, int off, int n, double scale, double[] e, int eOff) {
        for (int i = 0; i < n; i += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, v, off + i);
            DoubleVector clamped = x.mul(scale).max(MIN_ARGUMENT).min(MAX_ARGUMENT);
            DoubleVector t = clamped.mul(LOG2E).add(SHIFTER);
            DoubleVector k = t.sub(SHIFTER);
            DoubleVector r = clamped.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
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
            // 2^k from k's bits; the species named in each reinterpretation, so that C2 knows the
            // exact vector classes (reinterpretAsLongs/AsDoubles sometimes left the multiplication
            // below, or the conversions, to the Java fallback).
            LongVector bits = (LongVector) t.reinterpretShape(LONG_SPECIES, 0);
            DoubleVector scaleBy = (DoubleVector) bits.sub(SHIFTER_BITS - 1023).mul(1L << 52).reinterpretShape(SPECIES, 0);
            p.mul(scaleBy).intoArray(e, eOff + i);
        }
    }

    /**
     * {@code v[i] = 1 / (1 + e^-v[i])}.
     *
     * @param v   the values (modified)
     * @param off the first index
     * @param n   how many, a multiple of {@link #lanes()}
     */
    public static void sigmoid(double[] v, int off, int n) {
        exp(v, off, n, -1.0, v, off);
        for (int i = off; i < off + n; i += LANES) {
            DoubleVector e = DoubleVector.fromArray(SPECIES, v, i);
            DoubleVector.broadcast(SPECIES, 1.0).div(e.add(1.0)).intoArray(v, i);
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
        // e^(-2|x|) a block at a time, beside x, whose sign the result takes.
        double[] block = new double[Math.min(n, TANH_BLOCK)];
        for (int first = off; first < off + n; first += TANH_BLOCK) {
            int size = Math.min(TANH_BLOCK, off + n - first);
            for (int i = 0; i < size; i += LANES) {
                DoubleVector.fromArray(SPECIES, v, first + i).abs().intoArray(block, i);
            }
            exp(block, 0, size, -2.0, block, 0);
            for (int i = 0; i < size; i += LANES) {
                DoubleVector x = DoubleVector.fromArray(SPECIES, v, first + i);
                DoubleVector e = DoubleVector.fromArray(SPECIES, block, i);
                DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
                DoubleVector t = one.sub(e).div(one.add(e));
                t.blend(t.neg(), x.compare(VectorOperators.LT, 0.0)).intoArray(v, first + i);
            }
        }
    }
}
