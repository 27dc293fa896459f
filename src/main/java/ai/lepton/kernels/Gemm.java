package ai.lepton.kernels;

import java.util.Arrays;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * General matrix multiplication over row-major {@code double[]} matrices: C = op(A)·op(B) or
 * C += op(A)·op(B), where op(X) is X or Xᵀ.
 *
 * <p>Large products are cache-blocked with packed panels and a {@link RegisterTile}. With the
 * {@code jdk.incubator.vector} module present (start the JVM with
 * {@code --add-modules jdk.incubator.vector}) the tile uses the Vector API; otherwise a plain-Java
 * one is used. The system property {@code lepton.gemm=scalar} forces the plain one.
 * Products of at least 4 million floating-point operations (2·m·n·k) use {@link Parallel}'s
 * threads; results are bit-identical for any thread count.
 *
 * <pre>{@code
 * // y (2×2) = x (2×3) · w (3×2)
 * double[] x = {1, 2, 3, 4, 5, 6};
 * double[] w = {1, 0, 0, 1, 1, 1};
 * double[] y = new double[4];
 * Gemm.gemm(false, false, 2, 2, 3, x, 0, 3, w, 0, 2, y, 0, 2, false);   // y = {4, 5, 10, 11}
 * }</pre>
 */
public final class Gemm {

    /** Below this m·n·k a direct loop beats packing. */
    static final long DIRECT_MAX_VOLUME = 16_384;

    /**
     * Products with at least this many flops (2·m·n·k) are split over threads: below it, handing
     * half the work to a second thread costs about what it saves (docs/performance.md, "Tuning
     * notes").
     */
    static final long PARALLEL_MIN_FLOPS = 4_000_000L;

    /**
     * Products with at most this many rows (and at least half a register tile's columns, which
     * they become) and at least four times as many columns run transposed: packing a wide B costs
     * more than such a short product, while transposing a product of very few rows would pad them
     * to a whole tile's width (docs/performance.md, "Tuning notes").
     */
    static final int TRANSPOSE_MAX_ROWS = 64;

    private Gemm() {
    }

    /**
     * C = op(A)·op(B) (accumulate=false) or C += op(A)·op(B) (accumulate=true); op(X) is X or Xᵀ.
     * op(A) is m×k, op(B) is k×n, C is m×n; all row-major with leading dimensions (row strides)
     * lda, ldb, ldc.
     *
     * <p>With {@code transA}, A is stored k×m, so op(A)[i][p] = {@code a[aOff + p*lda + i]};
     * otherwise op(A)[i][p] = {@code a[aOff + i*lda + p]}. Likewise for B. With k = 0 and
     * accumulate=false, C is filled with zeros. C must not overlap A or B.
     *
     * @param transA     whether A is stored transposed (k×m)
     * @param transB     whether B is stored transposed (n×k)
     * @param m          rows of op(A) and C, at least 0
     * @param n          columns of op(B) and C, at least 0
     * @param k          columns of op(A) and rows of op(B), at least 0
     * @param a          A's elements (not modified)
     * @param aOff       index of A's first element
     * @param lda        row stride of A as stored, at least its stored row length
     * @param b          B's elements (not modified)
     * @param bOff       index of B's first element
     * @param ldb        row stride of B as stored, at least its stored row length
     * @param c          C's elements (modified: the m×n block is overwritten or added to)
     * @param cOff       index of C's first element
     * @param ldc        row stride of C, at least n
     * @param accumulate whether to add to C instead of overwriting it
     * @throws IllegalArgumentException if a size, offset or stride is negative or too small, or an
     *                                  array is too short for the matrix it should hold
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double[] c, int cOff, int ldc, boolean accumulate) {
        gemm(Selected.TILE, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate,
                null, false);
    }

    /**
     * A layer's forward product with its epilogue fused in: C = op(A)·op(B), then
     * C[i][j] = C[i][j] + bias[j] (when {@code bias} is given) and C[i][j] = max(C[i][j], 0) (with
     * {@code relu}), exactly as {@link BiasRelu#forward} computes them, but applied to each block
     * of C as soon as its sums are complete, while it is still in cache, instead of in a second
     * pass over C.
     *
     * <pre>{@code
     * // y (2×2) = max(x (2×3) · w (3×2) + bias, 0)
     * double[] x = {1, 2, 3, 4, 5, 6};
     * double[] w = {1, 0, 0, 1, 1, 1};
     * double[] y = new double[4];
     * Gemm.gemm(false, false, 2, 2, 3, x, 0, 3, w, 0, 2, y, 0, 2, new double[] {-5, 0}, true);   // y = {0, 5, 5, 11}
     * }</pre>
     *
     * @param transA whether A is stored transposed (k×m)
     * @param transB whether B is stored transposed (n×k)
     * @param m      rows of op(A) and C, at least 0
     * @param n      columns of op(B) and C, at least 0
     * @param k      columns of op(A) and rows of op(B), at least 0
     * @param a      A's elements (not modified)
     * @param aOff   index of A's first element
     * @param lda    row stride of A as stored
     * @param b      B's elements (not modified)
     * @param bOff   index of B's first element
     * @param ldb    row stride of B as stored
     * @param c      C's elements (modified: the m×n block is overwritten)
     * @param cOff   index of C's first element
     * @param ldc    row stride of C, at least n
     * @param bias   n values added to each row of C (not modified), or {@code null} for none
     * @param relu   whether to rectify C after adding the bias
     * @throws IllegalArgumentException as {@link #gemm(boolean, boolean, int, int, int, double[], int, int,
     *                                  double[], int, int, double[], int, int, boolean)} does, or if
     *                                  {@code bias} is shorter than n
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double[] c, int cOff, int ldc, double[] bias, boolean relu) {
        if (bias != null && bias.length < n) {
            throw new IllegalArgumentException("The bias needs " + n + " values but has " + bias.length);
        }
        gemm(Selected.TILE, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, false, bias, relu);
    }

    /** {@link #gemm} with an explicit register tile and epilogue, so tests can exercise both tiles. */
    static void gemm(RegisterTile tile, boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double[] c, int cOff, int ldc, boolean accumulate, double[] bias, boolean relu) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(
                    "GEMM sizes must be >= 0. Received: m=" + m + ", n=" + n + ", k=" + k);
        }
        checkMatrix("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        checkMatrix("C", c, cOff, ldc, m, n);
        if (m == 0 || n == 0) {
            return;
        }
        long volume = (long) m * n * k;
        boolean packed = k > 0 && volume >= DIRECT_MAX_VOLUME && m > 1 && n > 1;
        boolean parallel = 2 * volume >= PARALLEL_MIN_FLOPS;
        if (packed && !accumulate && m >= tile.nr() / 2 && m <= TRANSPOSE_MAX_ROWS && n >= 4 * m) {
            // Few rows, many columns: Cᵀ = op(B)ᵀ·op(A)ᵀ packs the small op(A) instead of the wide
            // op(B). Every element is the same chain of fused multiply-adds, so C is bit for bit the
            // same; the epilogue then runs on C.
            try (Scratch scratch = Scratch.open()) {
                double[] t = scratch.take(n * m);
                BlockedGemm.multiply(tile, parallel, true, !transB, !transA, n, m, k, b, bOff, ldb, a, aOff, lda,
                        null, t, 0, m, null, false);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        c[cOff + i * ldc + j] = t[j * m + i];
                    }
                }
            }
            BiasRelu.forward(c, cOff, ldc, m, n, bias, 0, relu);
            return;
        }
        if (packed) {
            // The blocked driver overwrites C on its first depth slice: no separate zeroing pass.
            BlockedGemm.multiply(tile, parallel, !accumulate, transA, transB, m, n, k,
                    a, aOff, lda, b, bOff, ldb, null, c, cOff, ldc, bias, relu);
            return;
        }
        direct(BlockedGemm.depthSlice(tile, k), !accumulate, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb,
                c, cOff, ldc);
        BiasRelu.forward(c, cOff, ldc, m, n, bias, 0, relu);
    }

    /**
     * Packs op(B) once for many products with it, {@link #gemm(int, double[], int, int, PackedMatrix,
     * double[], int, int, boolean)}: a recurrent layer multiplies each step's state by the same kernel.
     *
     * <pre>{@code
     * double[] kernel = new double[64 * 256];
     * double[] states = new double[50 * 16 * 64];    // 50 steps of 16 rows of 64
     * double[] gates = new double[50 * 16 * 256];
     * PackedMatrix w = Gemm.pack(false, 64, 256, kernel, 0, 256);   // op(B) = kernel, 64×256
     * for (int t = 0; t < 50; t++) {
     *     Gemm.gemm(16, states, t * 16 * 64, 64, w, gates, t * 16 * 256, 256, true);
     * }
     * }</pre>
     *
     * @param transB whether B is stored transposed (n×k)
     * @param k      rows of op(B), at least 0
     * @param n      columns of op(B), at least 0
     * @param b      B's elements (kept, and read again for products too small to use the packing;
     *               not to be modified while the packing is in use)
     * @param bOff   index of B's first element
     * @param ldb    row stride of B as stored
     * @return the packed op(B)
     * @throws IllegalArgumentException as {@link #gemm(boolean, boolean, int, int, int, double[], int, int,
     *                                  double[], int, int, double[], int, int, boolean)} does for B
     */
    public static PackedMatrix pack(boolean transB, int k, int n, double[] b, int bOff, int ldb) {
        return pack(Selected.TILE, transB, k, n, b, bOff, ldb);
    }

    /** {@link #pack} for an explicit register tile, so tests can exercise both tiles. */
    static PackedMatrix pack(RegisterTile tile, boolean transB, int k, int n, double[] b, int bOff, int ldb) {
        if (k < 0 || n < 0) {
            throw new IllegalArgumentException("GEMM sizes must be >= 0. Received: n=" + n + ", k=" + k);
        }
        checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        double[] panels = n == 0 || k == 0 ? new double[0] : BlockedGemm.packB(tile, transB, n, k, b, bOff, ldb);
        return new PackedMatrix(tile, transB, k, n, b, bOff, ldb, panels);
    }

    /**
     * C = A·op(B) (accumulate=false) or C += A·op(B) (accumulate=true) with op(B) packed by
     * {@link #pack}: the same bits as {@link #gemm(boolean, boolean, int, int, int, double[], int,
     * int, double[], int, int, double[], int, int, boolean)} on B itself, without packing it again.
     *
     * @param m          rows of A and C, at least 0
     * @param a          A's elements, m×k (not modified)
     * @param aOff       index of A's first element
     * @param lda        row stride of A
     * @param b          op(B), k×n, packed
     * @param c          C's elements (modified: the m×n block is overwritten or added to)
     * @param cOff       index of C's first element
     * @param ldc        row stride of C, at least n
     * @param accumulate whether to add to C instead of overwriting it
     * @throws IllegalArgumentException if m is negative, or A or C is too short
     */
    public static void gemm(int m, double[] a, int aOff, int lda, PackedMatrix b, double[] c, int cOff, int ldc,
                            boolean accumulate) {
        int n = b.n;
        int k = b.k;
        long volume = (long) m * n * k;
        if (m < 0 || k == 0 || volume < DIRECT_MAX_VOLUME || m == 1 || n == 1) {
            // Where the plain product would not pack B either; it checks the arguments.
            gemm(b.tile, false, b.transB, m, n, k, a, aOff, lda, b.b, b.bOff, b.ldb, c, cOff, ldc, accumulate,
                    null, false);
            return;
        }
        checkMatrix("A", a, aOff, lda, m, k);
        checkMatrix("C", c, cOff, ldc, m, n);
        // The plain product may run a short one transposed, packing A instead of B: every element
        // of C is the same chain of fused multiply-adds either way, so the bits are the same.
        BlockedGemm.multiply(b.tile, 2 * volume >= PARALLEL_MIN_FLOPS, !accumulate, false, b.transB, m, n, k,
                a, aOff, lda, b.b, b.bOff, b.ldb, b.panels, c, cOff, ldc, null, false);
    }

    /**
     * C = op(A)·op(B) ({@code overwrite}) or C += op(A)·op(B) by plain loops, for products too small
     * to repay packing, with the blocked driver's arithmetic: over each depth slice of {@code kc}, a
     * sum that starts from zero and adds {@code fma(a, b, sum)} for p in order, then is stored (the
     * first slice, overwriting) or added to C. So a row gives the same bits here as inside a
     * larger, packed product: a dense layer's output for one image is its output in a batch.
     */
    private static void direct(int kc, boolean overwrite, boolean transA, boolean transB, int m, int n, int k,
                               double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                               double[] c, int cOff, int ldc) {
        // Element strides of op(A) along i and p, and of op(B) along p and j.
        int aRow = transA ? 1 : lda;
        int aCol = transA ? lda : 1;
        int bRow = transB ? 1 : ldb;
        int bCol = transB ? ldb : 1;
        if (k == 0) {
            for (int i = 0; overwrite && i < m; i++) {
                Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
            }
            return;
        }
        if (transB || n == 1) {
            // Dot products: op(B)'s column j is contiguous (transB) or n is 1.
            for (int i = 0; i < m; i++) {
                int ai = aOff + i * aRow;
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * bCol;
                    int at = cOff + i * ldc + j;
                    for (int p0 = 0; p0 < k; p0 += kc) {
                        double sum = 0.0;
                        for (int p = p0, end = Math.min(k, p0 + kc); p < end; p++) {
                            sum = Math.fma(a[ai + p * aCol], b[bj + p * bRow], sum);
                        }
                        c[at] = overwrite && p0 == 0 ? sum : c[at] + sum;
                    }
                }
            }
            return;
        }
        // Rows of C from rows of B: a row of A times each depth slice of B (GEMV), summed into C.
        GemvLoops rows = GemvLoops.SELECTED;
        double[] sums = overwrite && k <= kc ? null : new double[n];
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * aRow;
            int ci = cOff + i * ldc;
            for (int p0 = 0; p0 < k; p0 += kc) {
                int depth = Math.min(kc, k - p0);
                if (overwrite && p0 == 0) {
                    rows.multiply(a, ai, aCol, depth, b, bOff, bRow, n, c, ci);
                } else {
                    rows.multiply(a, ai + p0 * aCol, aCol, depth, b, bOff + p0 * bRow, bRow, n, sums, 0);
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += sums[j];
                    }
                }
            }
        }
    }

    /** Checks that {@code array} holds a rows×cols matrix at {@code off} with row stride {@code ld}. */
    static void checkMatrix(String name, double[] array, int off, int ld, int rows, int cols) {
        Objects.requireNonNull(array, name);
        if (off < 0 || ld < cols) {
            throw new IllegalArgumentException(String.format(
                    "Matrix %s (%d×%d as stored) needs offset >= 0 and leading dimension >= %d. "
                            + "Received: offset=%d, leading dimension=%d", name, rows, cols, cols, off, ld));
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = off + (long) (rows - 1) * ld + cols;
        if (last > array.length) {
            throw new IllegalArgumentException(String.format(
                    "Matrix %s (%d×%d as stored, offset %d, leading dimension %d) needs %d elements "
                            + "but its array has %d", name, rows, cols, off, ld, last, array.length));
        }
    }

    /**
     * Whether this JVM's products run on the Vector API register tile; every other loop with a
     * Vector API version (e.g. {@link WinogradLoops#SELECTED}) follows the same choice.
     *
     * @return true unless the module is missing or {@code -Dlepton.gemm=scalar} forces plain Java
     */
    public static boolean usesVectorApi() {
        return Selected.TILE != ScalarRegisterTile.INSTANCE;
    }

    /**
     * Creates the Vector API register tile.
     *
     * @return the tile
     * @throws IllegalStateException if the {@code jdk.incubator.vector} module is not present
     */
    static RegisterTile vectorTile() {
        if (!vectorModulePresent()) {
            throw new IllegalStateException("The Vector API register tile needs --add-modules jdk.incubator.vector");
        }
        return new VectorRegisterTile();
    }

    private static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The register tile chosen once for this JVM; holding it here logs the choice exactly once. */
    private static final class Selected {
        private static final Logger LOG = LoggerFactory.getLogger(Gemm.class);
        static final RegisterTile TILE = select();

        private static RegisterTile select() {
            if ("scalar".equalsIgnoreCase(System.getProperty("lepton.gemm"))) {
                LOG.info("Lepton GEMM: using the scalar register tile (forced by -Dlepton.gemm=scalar)");
                return ScalarRegisterTile.INSTANCE;
            }
            if (vectorModulePresent()) {
                RegisterTile tile = vectorTile();
                LOG.info("Lepton GEMM: using the Vector API register tile ({})", tile);
                return tile;
            }
            // Standard error, not only the log: SLF4J without a backend swallows INFO lines, and this
            // costs a user a factor of about 3 in training time.
            System.err.println("Lepton: the Vector API is not available, so training runs about 3x slower; start the "
                    + "JVM with --add-modules=jdk.incubator.vector to use it");
            LOG.info("Lepton GEMM: using the scalar register tile; start the JVM with "
                    + "--add-modules jdk.incubator.vector for the faster Vector API one");
            return ScalarRegisterTile.INSTANCE;
        }
    }
}
