package ai.lepton.kernels;

/**
 * The innermost step of {@link Gemm}: one register tile of C updated from packed panels, plus the
 * cache-block sizes that suit it.
 *
 * <p>A packed A panel holds {@code mr()} rows of op(A) for {@code kc} values of p, stored p-major:
 * element (i, p) at {@code aIdx + p*mr() + i}. A packed B panel holds {@code nr()} columns of
 * op(B), element (p, j) at {@code bIdx + p*nr() + j}. Panels are zero-padded at the matrix edges,
 * so a tile is always computed in full.
 */
interface RegisterTile {

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
     * C[0..mr)[0..nr) = Â·B̂ or, with {@code accumulate}, C[0..mr)[0..nr) += Â·B̂, over
     * {@code kc} values of p, with the tile's top-left element at
     * {@code c[cIdx]} and rows {@code ldc} apart. Â's element (i, p) lies at
     * {@code a[aIdx + i·aRow + p·aDepth]}: a packed panel has aRow = 1 and aDepth = mr(), while
     * op(A) read in place has aRow = lda, aDepth = 1 (A as stored) or aRow = 1, aDepth = lda
     * (A stored transposed).
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
    void multiply(int kc, double[] a, int aIdx, int aRow, int aDepth, double[] b, int bIdx,
                  double[] c, int cIdx, int ldc, boolean accumulate);
}
