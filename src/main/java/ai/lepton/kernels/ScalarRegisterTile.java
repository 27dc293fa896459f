package ai.lepton.kernels;

import java.util.Arrays;

/**
 * The plain-Java register tile, for JVMs started without the Vector API module: 16×64 tiles of
 * C, whose inner loops HotSpot's auto-vectorizer (C2's SuperWord) turns into SIMD code.
 *
 * <p>SuperWord is strict about the loops it accepts, and the tile is shaped around it:
 * <ul>
 *   <li>On JDK 17 every array index in the loop must be the loop counter plus a constant: an index
 *       that also adds a variable, such as the tile's place in C or the panel's place in B, leaves
 *       the loop scalar. So the tile works on copies held per thread: its 16 rows of C in four
 *       arrays of four rows, and, for each pass over four values of p, those four rows of the B
 *       panel in a window. The inner loop then indexes only {@code j + constant}.</li>
 *   <li>The loop body must be small enough for C2 to unroll, or it is not vectorized at all: four
 *       rows of C by four values of p (16 fused multiply-adds, 8 loads, 4 stores) fits, eight rows
 *       does not.</li>
 *   <li>Each of the 16 values of A is its own variable, and B is read inline in each expression:
 *       hoisting B's loads into locals, or reusing one A variable in several rows, also left the
 *       loop scalar on JDK 17.</li>
 * </ul>
 * With 64 columns C2 uses 256-bit vectors; wider tiles would waste work on the 64-column products
 * of convolutions. Each C element is summed over p in order, one {@link Math#fma} at a time, so
 * results do not depend on how the product is split over threads. Its throughput is in
 * docs/performance.md ("Tuning notes").
 *
 * <p>Every element is computed exactly as the Vector API tile computes it, so that a model gives
 * the same bits with and without the Vector API: the sum over one depth block starts from zero,
 * adds {@code fma(a, b, sum)} for p in order, and only then is added to C's old value
 * ({@code accumulate}) or stored; the depth blocks are the same ({@link #kc()}).
 */
final class ScalarRegisterTile implements RegisterTile {

    /** The only instance: the tile keeps its working copies per thread. */
    static final ScalarRegisterTile INSTANCE = new ScalarRegisterTile();

    private static final int MR = 16;
    private static final int NR = 64;
    /** Rows of C updated by one inner loop. */
    private static final int GROUP = 4;
    /** Values of p per pass over the tile. */
    private static final int DEPTH = 4;
    /** Depth per cache block: {@link VectorRegisterTile}'s. */
    static final int KC = 256;

    /** The calling thread's copies of the C tile, the B window and, for a short last pass, A. */
    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    private ScalarRegisterTile() {
    }

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    /** The Vector API tile's depth, so that both split every sum at the same places. */
    @Override
    public int kc() {
        return KC;
    }

    @Override
    public int mc() {
        return 128;
    }

    @Override
    public int nc() {
        return 512;
    }

    @Override
    public void multiply(int kc, double[] a, int aIdx, int aRow, int aDepth, double[] b, int bIdx,
                         double[] c, int cIdx, int ldc, boolean accumulate) {
        Work work = WORK.get();
        double[][] tile = work.tile;
        double[] window = work.window;
        for (double[] rows : tile) {
            Arrays.fill(rows, 0.0);
        }
        int p = 0;
        for (; p + DEPTH <= kc; p += DEPTH) {
            System.arraycopy(b, bIdx + p * NR, window, 0, DEPTH * NR);
            for (int g = 0; g < MR / GROUP; g++) {
                fourRows(tile[g], window, a, aIdx + g * GROUP * aRow + p * aDepth, aRow, aDepth);
            }
        }
        for (; p < kc; p++) {
            oneDepth(tile, b, bIdx + p * NR, a, aIdx + p * aDepth, aRow);
        }
        for (int i = 0; i < MR; i++) {
            double[] rows = tile[i / GROUP];
            int at = i % GROUP * NR;
            int ci = cIdx + i * ldc;
            if (accumulate) {
                for (int j = 0; j < NR; j++) {
                    c[ci + j] += rows[at + j];
                }
            } else {
                System.arraycopy(rows, at, c, ci, NR);
            }
        }
    }

    /** rows of the tile += Â(i, p)·B̂(p, j) for one value of p: the last few, fewer than DEPTH. */
    private static void oneDepth(double[][] tile, double[] b, int bp, double[] a, int ap, int aRow) {
        for (int i = 0; i < MR; i++) {
            double ai = a[ap + i * aRow];
            double[] rows = tile[i / GROUP];
            int at = i % GROUP * NR;
            for (int j = 0; j < NR; j++) {
                rows[at + j] = Math.fma(ai, b[bp + j], rows[at + j]);
            }
        }
    }

    /**
     * rows[r·NR + j] += Σ_q Â(r, q)·window[q·NR + j] for four rows r and four values q, adding
     * the products in order of q; Â(r, q) is at {@code a[ap + r·aRow + q·aDepth]}.
     */
    private static void fourRows(double[] rows, double[] window, double[] a, int ap, int aRow, int aDepth) {
        int r1 = ap + aRow;
        int r2 = r1 + aRow;
        int r3 = r2 + aRow;
        int q2 = 2 * aDepth;
        int q3 = 3 * aDepth;
        double a00 = a[ap];
        double a01 = a[ap + aDepth];
        double a02 = a[ap + q2];
        double a03 = a[ap + q3];
        double a10 = a[r1];
        double a11 = a[r1 + aDepth];
        double a12 = a[r1 + q2];
        double a13 = a[r1 + q3];
        double a20 = a[r2];
        double a21 = a[r2 + aDepth];
        double a22 = a[r2 + q2];
        double a23 = a[r2 + q3];
        double a30 = a[r3];
        double a31 = a[r3 + aDepth];
        double a32 = a[r3 + q2];
        double a33 = a[r3 + q3];
        for (int j = 0; j < NR; j++) {
            rows[j] = Math.fma(a03, window[3 * NR + j], Math.fma(a02, window[2 * NR + j],
                    Math.fma(a01, window[NR + j], Math.fma(a00, window[j], rows[j]))));
            rows[NR + j] = Math.fma(a13, window[3 * NR + j], Math.fma(a12, window[2 * NR + j],
                    Math.fma(a11, window[NR + j], Math.fma(a10, window[j], rows[NR + j]))));
            rows[2 * NR + j] = Math.fma(a23, window[3 * NR + j], Math.fma(a22, window[2 * NR + j],
                    Math.fma(a21, window[NR + j], Math.fma(a20, window[j], rows[2 * NR + j]))));
            rows[3 * NR + j] = Math.fma(a33, window[3 * NR + j], Math.fma(a32, window[2 * NR + j],
                    Math.fma(a31, window[NR + j], Math.fma(a30, window[j], rows[3 * NR + j]))));
        }
    }

    /** One thread's scratch arrays. */
    private static final class Work {
        /** The C tile, GROUP rows of NR per array, so the inner loop indexes each at j + constant. */
        final double[][] tile = new double[MR / GROUP][GROUP * NR];
        /** DEPTH rows of the B panel. */
        final double[] window = new double[DEPTH * NR];
    }
}
