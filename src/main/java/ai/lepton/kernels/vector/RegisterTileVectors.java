package ai.lepton.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM register tile on the Vector API: 3 rows × 4 vectors of C held in 12 accumulators.
 * Internal to Lepton: use {@code ai.lepton.kernels.Gemm}.
 *
 * <p>Twelve accumulators is what AVX-512's 32 registers hold with room for B's four vectors and a
 * broadcast of A; larger tiles spill. Of the twelve-accumulator shapes, 3×4 vectors needs 3
 * broadcasts of A per 4 loads of B (6×2 needs 6 per 2), and 32, 64, 128 and 288 columns, the
 * widths of a small CNN's products, are whole tiles. The measurements behind the choice are in
 * docs/performance.md ("Tuning notes").
 */
public final class RegisterTileVectors {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int MR = 3;
    private static final int NR = 4 * LANES;

    private RegisterTileVectors() {
    }

    /**
     * Returns the rows of C per register tile.
     *
     * @return 3
     */
    public static int mr() {
        return MR;
    }

    /**
     * Returns the columns of C per register tile: four vectors of the preferred species.
     *
     * @return 32 with 512-bit vectors, 16 with 256-bit ones
     */
    public static int nr() {
        return NR;
    }

    /**
     * Describes the vector shape in use.
     *
     * @return e.g. "512-bit vectors, 3×32 tile"
     */
    public static String describe() {
        return SPECIES.vectorBitSize() + "-bit vectors, " + MR + "×" + NR + " tile";
    }

    /**
     * C[0..3)[0..nr) = Â·B̂ or, with {@code accumulate}, C[0..3)[0..nr) += Â·B̂, over
     * {@code kc} values of p: Â has element (i, p) at
     * {@code a[aIdx + i·aRow + p·aDepth]} (a packed panel has aRow = 1, aDepth = 3; a row-major
     * matrix read in place has aRow = lda, aDepth = 1; a transposed one aRow = 1, aDepth = lda),
     * B̂ is a packed B panel with element (p, j) at {@code b[bIdx + nr·p + j]}, and the tile of C
     * starts at {@code c[cIdx]} with row stride {@code ldc}.
     *
     * @param kc     depth of the panels
     * @param a      A's elements (not modified)
     * @param aIdx   position of Â's element (0, 0)
     * @param aRow   distance between Â's rows
     * @param aDepth distance between Â's values of p
     * @param b      packed B panel (not modified)
     * @param bIdx   start of the panel in {@code b}
     * @param c      the output (modified: the tile is overwritten or added to)
     * @param cIdx   position of the tile's top-left element
     * @param ldc    row stride of {@code c}
     * @param accumulate whether to add to the tile's old values instead of overwriting them
     */
    public static void multiply(int kc, double[] a, int aIdx, int aRow, int aDepth, double[] b, int bIdx,
                                double[] c, int cIdx, int ldc, boolean accumulate) {
        DoubleVector c00 = DoubleVector.zero(SPECIES);
        DoubleVector c01 = c00;
        DoubleVector c02 = c00;
        DoubleVector c03 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c12 = c00;
        DoubleVector c13 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c22 = c00;
        DoubleVector c23 = c00;
        int a1 = aRow;
        int a2 = 2 * aRow;
        int ap = aIdx;
        int bp = bIdx;
        // A long counter: C2 over-unrolls an int-counted loop like this one and runs it far slower.
        for (long p = 0; p < kc; p++) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, b, bp + LANES);
            DoubleVector b2 = DoubleVector.fromArray(SPECIES, b, bp + 2 * LANES);
            DoubleVector b3 = DoubleVector.fromArray(SPECIES, b, bp + 3 * LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = DoubleVector.broadcast(SPECIES, a[ap + a1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = DoubleVector.broadcast(SPECIES, a[ap + a2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            ap += aDepth;
            bp += NR;
        }
        putRow(c00, c01, c, cIdx, accumulate);
        putRow(c02, c03, c, cIdx + 2 * LANES, accumulate);
        putRow(c10, c11, c, cIdx + ldc, accumulate);
        putRow(c12, c13, c, cIdx + ldc + 2 * LANES, accumulate);
        putRow(c20, c21, c, cIdx + 2 * ldc, accumulate);
        putRow(c22, c23, c, cIdx + 2 * ldc + 2 * LANES, accumulate);
    }

    private static void putRow(DoubleVector left, DoubleVector right, double[] c, int idx, boolean accumulate) {
        if (accumulate) {
            left = left.add(DoubleVector.fromArray(SPECIES, c, idx));
            right = right.add(DoubleVector.fromArray(SPECIES, c, idx + LANES));
        }
        left.intoArray(c, idx);
        right.intoArray(c, idx + LANES);
    }
}
