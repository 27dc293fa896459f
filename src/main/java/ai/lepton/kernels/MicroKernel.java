package ai.lepton.kernels;

/**
 * The innermost step of {@link Gemm}: one register tile of C updated from packed panels, plus the
 * cache-block sizes that suit it.
 *
 * <p>A packed A panel holds {@code mr()} rows of op(A) for {@code kc} values of p, stored p-major:
 * element (i, p) at {@code aIdx + p*mr() + i}. A packed B panel holds {@code nr()} columns of
 * op(B), element (p, j) at {@code bIdx + p*nr() + j}. Panels are zero-padded at the matrix edges,
 * so a kernel always computes a full tile.
 */
interface MicroKernel {

    /** Rows of C per register tile. */
    int mr();

    /** Columns of C per register tile. */
    int nr();

    /** Depth (values of p) per cache block; a B panel of kc×nr should stay in L1. */
    int kc();

    /** Rows of C per cache block (a multiple of mr); an A block of mc×kc should stay in L2. */
    int mc();

    /** Columns of C per cache block (a multiple of nr). */
    int nc();

    /**
     * C[0..mr)[0..nr) += Â·B̂ over {@code kc} values of p, with the tile's top-left element at
     * {@code c[cIdx]} and rows {@code ldc} apart.
     *
     * @param kc   depth of the panels
     * @param a    packed A panel (not modified)
     * @param aIdx start of the panel in {@code a}
     * @param b    packed B panel (not modified)
     * @param bIdx start of the panel in {@code b}
     * @param c    the output (modified: the tile is added to)
     * @param cIdx position of the tile's top-left element
     * @param ldc  row stride of {@code c}
     */
    void multiplyAdd(int kc, double[] a, int aIdx, double[] b, int bIdx, double[] c, int cIdx, int ldc);

    /**
     * Whether {@link #multiplyThin} handles products with {@code n} columns.
     *
     * @param n columns of C
     * @return true if this kernel has an unpacked shallow-depth path for that width
     */
    default boolean hasThinPath(int n) {
        return false;
    }

    /**
     * C += A·B straight from row-major A (m×k) and B (k×n), neither transposed, for a shallow
     * depth where packing would cost as much as the arithmetic. Only called when
     * {@link #hasThinPath} is true for {@code n}.
     *
     * @param m    rows of A and C
     * @param n    columns of B and C
     * @param k    the depth, at most {@link Gemm#THIN_MAX_DEPTH}
     * @param a    A's elements (not modified)
     * @param aOff index of A's first element
     * @param lda  row stride of A
     * @param b    B's elements (not modified)
     * @param bOff index of B's first element
     * @param ldb  row stride of B
     * @param c    C's elements (modified: added to)
     * @param cOff index of C's first element
     * @param ldc  row stride of C
     * @throws UnsupportedOperationException if this kernel has no such path
     */
    default void multiplyThin(int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                              double[] c, int cOff, int ldc) {
        throw new UnsupportedOperationException("No shallow-depth path in " + this);
    }
}
