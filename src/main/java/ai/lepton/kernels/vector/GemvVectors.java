package ai.lepton.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMV's loop on the Vector API ({@code ai.lepton.kernels.GemvLoops} documents it): each column's
 * sum is the plain version's chain of fused multiply-adds, so the results are bit-identical to
 * it. The sums of four vectors of columns stay in registers over the whole depth, so B is read
 * once and y written once. Internal to Lepton.
 */
public final class GemvVectors {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Columns summed together: four vectors. */
    private static final int BLOCK = 4 * LANES;

    private GemvVectors() {
    }

    /**
     * The doubles per vector. The loop here handles whole vectors only: its caller finishes the
     * last {@code n mod lanes} columns in plain Java.
     *
     * @return e.g. 8 with 512-bit vectors
     */
    public static int lanes() {
        return LANES;
    }

    /**
     * {@code y[yOff + j] = Σ_p x[xOff + p·xStep] · b[bOff + p·ldb + j]} for j below n, a multiple
     * of {@link #lanes()}, each sum from zero by fused multiply-adds for p in order.
     *
     * @param x     the row (not modified)
     * @param xOff  index of its first element
     * @param xStep distance between its elements
     * @param depth elements of the row, rows of B
     * @param b     the matrix (not modified)
     * @param bOff  index of its first element
     * @param ldb   its row stride
     * @param n     columns, a multiple of the lanes
     * @param y     the result (overwritten at {@code yOff} to {@code yOff + n})
     * @param yOff  index of its first element
     */
    public static void multiply(double[] x, int xOff, int xStep, int depth, double[] b, int bOff, int ldb, int n,
                                double[] y, int yOff) {
        int j = 0;
        for (; j + BLOCK <= n; j += BLOCK) {
            DoubleVector s0 = DoubleVector.zero(SPECIES);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            for (int p = 0; p < depth; p++) {
                DoubleVector xp = DoubleVector.broadcast(SPECIES, x[xOff + p * xStep]);
                int bp = bOff + p * ldb + j;
                s0 = xp.fma(DoubleVector.fromArray(SPECIES, b, bp), s0);
                s1 = xp.fma(DoubleVector.fromArray(SPECIES, b, bp + LANES), s1);
                s2 = xp.fma(DoubleVector.fromArray(SPECIES, b, bp + 2 * LANES), s2);
                s3 = xp.fma(DoubleVector.fromArray(SPECIES, b, bp + 3 * LANES), s3);
            }
            s0.intoArray(y, yOff + j);
            s1.intoArray(y, yOff + j + LANES);
            s2.intoArray(y, yOff + j + 2 * LANES);
            s3.intoArray(y, yOff + j + 3 * LANES);
        }
        for (; j < n; j += LANES) {
            DoubleVector s = DoubleVector.zero(SPECIES);
            for (int p = 0; p < depth; p++) {
                s = DoubleVector.broadcast(SPECIES, x[xOff + p * xStep])
                        .fma(DoubleVector.fromArray(SPECIES, b, bOff + p * ldb + j), s);
            }
            s.intoArray(y, yOff + j);
        }
    }
}
