package ai.lepton.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * C += A·B for a shallow depth (a few values of p), straight from the row-major operands with
 * no packing: the product of a thin im2col matrix (a first convolution's 3×3×1 patches) and its
 * filters. Internal to Lepton: use {@code ai.lepton.kernels.Gemm}, which picks this path.
 *
 * <p>Packing both operands into panels costs as much as the arithmetic when the depth is ~9, and
 * the blocked kernel then loads and stores each tile of C for a handful of FMAs. Here four rows
 * and two vectors of columns of C stay in eight accumulators over the whole depth, reading A in
 * place and B's rows (which stay in L1) directly.
 */
public final class VectorThinKernel {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int ROWS = 4;

    private VectorThinKernel() {
    }

    /**
     * Returns the column multiple the kernel needs: two vectors.
     *
     * @return 16 with 512-bit vectors, 8 with 256-bit ones
     */
    public static int columnMultiple() {
        return 2 * LANES;
    }

    /**
     * C += A·B, A m×k at {@code a[aOff + i·lda + p]}, B k×n at {@code b[bOff + p·ldb + j]},
     * C m×n at {@code c[cOff + i·ldc + j]}; n must be a multiple of {@link #columnMultiple()}.
     * Each element of C is summed over p in order, then added to C.
     *
     * @param m    rows of A and C
     * @param n    columns of B and C, a multiple of {@link #columnMultiple()}
     * @param k    the depth
     * @param a    A's elements (not modified)
     * @param aOff index of A's first element
     * @param lda  row stride of A
     * @param b    B's elements (not modified)
     * @param bOff index of B's first element
     * @param ldb  row stride of B
     * @param c    C's elements (modified: added to)
     * @param cOff index of C's first element
     * @param ldc  row stride of C
     */
    public static void multiplyAdd(int m, int n, int k, double[] a, int aOff, int lda,
                                   double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        int fullRows = m - m % ROWS;
        for (int j = 0; j < n; j += 2 * LANES) {
            for (int i = 0; i < fullRows; i += ROWS) {
                fourRows(k, a, aOff + i * lda, lda, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc);
            }
            for (int i = fullRows; i < m; i++) {
                oneRow(k, a, aOff + i * lda, b, bOff + j, ldb, c, cOff + i * ldc + j);
            }
        }
    }

    private static void fourRows(int k, double[] a, int ai, int lda, double[] b, int bj, int ldb,
                                 double[] c, int ci, int ldc) {
        DoubleVector c00 = DoubleVector.zero(SPECIES);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        for (int p = 0; p < k; p++) {
            int bp = bj + p * ldb;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, b, bp + LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[ai + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(SPECIES, a[ai + lda + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(SPECIES, a[ai + 2 * lda + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(SPECIES, a[ai + 3 * lda + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        addRow(c00, c01, c, ci);
        addRow(c10, c11, c, ci + ldc);
        addRow(c20, c21, c, ci + 2 * ldc);
        addRow(c30, c31, c, ci + 3 * ldc);
    }

    private static void oneRow(int k, double[] a, int ai, double[] b, int bj, int ldb, double[] c, int ci) {
        DoubleVector c0 = DoubleVector.zero(SPECIES);
        DoubleVector c1 = c0;
        for (int p = 0; p < k; p++) {
            int bp = bj + p * ldb;
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[ai + p]);
            c0 = x.fma(DoubleVector.fromArray(SPECIES, b, bp), c0);
            c1 = x.fma(DoubleVector.fromArray(SPECIES, b, bp + LANES), c1);
        }
        addRow(c0, c1, c, ci);
    }

    private static void addRow(DoubleVector left, DoubleVector right, double[] c, int idx) {
        left.add(DoubleVector.fromArray(SPECIES, c, idx)).intoArray(c, idx);
        right.add(DoubleVector.fromArray(SPECIES, c, idx + LANES)).intoArray(c, idx + LANES);
    }
}
