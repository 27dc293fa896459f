package ai.lepton.kernels;

/**
 * General matrix multiply over row-major arrays, {@code C = op(A)·op(B)} or
 * {@code C += op(A)·op(B)}, where {@code op(X)} is {@code X} or {@code Xᵀ}.
 *
 * <pre>{@code
 * double[] c = new double[m * n];
 * Gemm.gemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
 * }</pre>
 */
public final class Gemm {
    private Gemm() {
    }

    /**
     * Multiplies {@code op(A)} (m×k) by {@code op(B)} (k×n) into C (m×n).
     *
     * @param transA whether A is stored k×m and used transposed
     * @param transB whether B is stored n×k and used transposed
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A), rows of op(B)
     * @param a A's array (not modified)
     * @param aOff A's first element
     * @param lda A's row stride
     * @param b B's array (not modified)
     * @param bOff B's first element
     * @param ldb B's row stride
     * @param c C's array (modified)
     * @param cOff C's first element
     * @param ldc C's row stride
     * @param accumulate whether to add into C rather than overwrite it
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c[cOff + i * ldc + j] : 0.0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                c[cOff + i * ldc + j] = s;
            }
        }
    }
}
