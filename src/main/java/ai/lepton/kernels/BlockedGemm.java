package ai.lepton.kernels;

/**
 * The cache-blocked GEMM driver behind {@link Gemm}: packs op(B) (and, for wide products, op(A))
 * into panels, then sweeps C block by block, handing each register tile to a {@link RegisterTile}.
 *
 * <p>Packing B resolves its transpose and lays each nr-column panel out contiguously, so the
 * tile streams it whatever B's row stride (a stride of 512 or 1024 doubles would otherwise map
 * a panel's rows onto a few cache sets and thrash). A is read in place, through strides, unless C
 * is wide enough that each A element is reused over many column tiles: then a packed copy pays
 * for itself. Everything is packed once per call, so the compute phase can be split into blocks
 * of C that share the packed data without repacking it.
 */
final class BlockedGemm {

    /**
     * Panels packed per parallel chunk: a dense layer's 1600×128 weights are 4 panels of B, which
     * should not all go to one thread.
     */
    private static final int PACK_GRAIN = 2;

    /** Blocks of C to aim for at least, so that two threads get near-equal shares. */
    private static final int MIN_BLOCKS = 8;

    /**
     * Products at least this wide pack A: below it, each A element feeds so few column blocks that
     * copying it costs more than reading it in place (docs/performance.md, "Tuning notes").
     */
    static final int PACK_A_MIN_COLUMNS = 2048;

    /** The calling thread's packing buffers, kept between calls to avoid page faults. */
    private static final ThreadLocal<double[][]> BUFFERS = ThreadLocal.withInitial(() -> new double[2][0]);

    private BlockedGemm() {
    }

    /**
     * C += op(A)·op(B), or C = op(A)·op(B) with {@code overwrite}, for m, n, k ≥ 1 and arguments
     * already checked by {@link Gemm}.
     *
     * @param tile      the register tile and its block sizes
     * @param parallel  whether to spread the work over {@link Parallel}'s threads; the result is
     *                  the same either way
     * @param overwrite whether C's old values are replaced instead of added to: the tile
     *                  stores each tile's first depth slice instead of adding it, so C is never
     *                  zeroed in a separate pass
     * @param bPacked   op(B) already packed by {@link #packB(RegisterTile, boolean, int, int, double[], int, int)},
     *                  or {@code null} to pack it here
     * @param bias      the epilogue's bias (see {@link Gemm}), applied to each tile right after its
     *                  last depth slice, or {@code null}
     * @param relu      whether the epilogue rectifies
     */
    static void multiply(RegisterTile tile, boolean parallel, boolean overwrite, boolean transA, boolean transB,
                         int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                         double[] bPacked, double[] c, int cOff, int ldc, double[] bias, boolean relu) {
        int mr = tile.mr();
        int nr = tile.nr();
        boolean packA = n >= PACK_A_MIN_COLUMNS;
        int aPanels = packA ? ceilDiv(m, mr) : 0;
        int bPanels = bPacked == null ? ceilDiv(n, nr) : 0;
        double[][] buffers = BUFFERS.get();
        double[] aPack = ensure(buffers, 0, (long) aPanels * mr * k);
        double[] bPack = bPacked == null ? ensure(buffers, 1, (long) bPanels * nr * k) : bPacked;
        // Where op(A)'s element (i, p) lies: packed panels, or A itself read through strides.
        Panels aSource = packA ? new Panels(aPack, 0, 1, mr, mr * k)
                : new Panels(a, aOff, transA ? 1 : lda, transA ? lda : 1, 0);

        Parallel.RangeBody pack = (from, to) -> {
            for (int panel = from; panel < to; panel++) {
                if (panel < aPanels) {
                    packA(transA, m, k, a, aOff, lda, mr, panel, aPack);
                } else {
                    packB(transB, n, k, b, bOff, ldb, nr, panel - aPanels, bPack);
                }
            }
        };
        int nc = tile.nc();
        int mc = tile.mc();
        if (parallel && ceilDiv(m, mc) * ceilDiv(n, nc) < MIN_BLOCKS) {
            // Too few blocks to share out evenly: cut narrower ones when C has a single block of
            // rows (a dense layer at batch 32: each block of rows would read all of B), else
            // shorter ones (288 rows made 3 blocks for 2 threads).
            if (m <= mc) {
                nc = Math.max(nr, ceilDiv(ceilDiv(n, MIN_BLOCKS), nr) * nr);
            } else {
                mc = Math.max(mr, ceilDiv(ceilDiv(m, ceilDiv(MIN_BLOCKS, ceilDiv(n, nc))), mr) * mr);
            }
        }
        int colBlocks = ceilDiv(n, nc);
        int rowBlocks = ceilDiv(m, mc);
        int kc = depthSlice(tile, k);
        int blockRows = mc;
        int blockCols = nc;
        Parallel.RangeBody compute = (from, to) -> {
            double[] scratch = new double[mr * nr];
            double[] edge = packA ? null : new double[mr * kc];
            for (int block = from; block < to; block++) {
                computeBlock(tile, blockRows, blockCols, kc, block / colBlocks, block % colBlocks, m, n, k,
                        aSource, bPack, c, cOff, ldc, overwrite, scratch, edge, bias, relu);
            }
        };
        if (parallel) {
            Parallel.forRange(aPanels + bPanels, PACK_GRAIN, pack);
            Parallel.forRange(rowBlocks * colBlocks, 1, compute);
        } else {
            pack.run(0, aPanels + bPanels);
            compute.run(0, rowBlocks * colBlocks);
        }
    }

    /**
     * The depth of each slice of the product: equal slices rather than full kc ones and a thin
     * remainder (288 = 128 + 128 + 32). {@link Gemm}'s unpacked products slice the depth the same
     * way, so that they give the same bits.
     */
    static int depthSlice(RegisterTile tile, int k) {
        return k == 0 ? 0 : ceilDiv(k, ceilDiv(k, tile.kc()));
    }

    /**
     * Where the tile finds op(A)'s element (i, p): packed panels of mr rows ({@code panelSize}
     * apart, rows 1 and values of p mr apart within one), or A in place ({@code panelSize} 0,
     * rows and values of p at A's strides).
     */
    private record Panels(double[] data, int offset, int rowStride, int depthStride, int panelSize) {

        /** Position of element (i, p) for i at the start of a register tile. */
        int index(int i, int p, int mr) {
            return panelSize == 0 ? offset + i * rowStride + p * depthStride : offset + i / mr * panelSize + p * mr;
        }
    }

    /**
     * One mc×nc block of C (nc a multiple of nr), over the whole depth k, in slices of kcMax;
     * overwrites C on the first with {@code overwrite}, and applies the epilogue to each tile
     * after the last. A tile that runs past row m reads A through {@code edge}, a
     * zero-padded copy, when A is read in place (packed panels are padded already).
     */
    private static void computeBlock(RegisterTile tile, int mc, int nc, int kcMax, int rowBlock, int colBlock,
                                     int m, int n, int k, Panels a, double[] bPack, double[] c, int cOff,
                                     int ldc, boolean overwrite, double[] scratch, double[] edge,
                                     double[] bias, boolean relu) {
        int mr = tile.mr();
        int nr = tile.nr();
        int i0 = rowBlock * mc;
        int i1 = Math.min(m, i0 + mc);
        int j0 = colBlock * nc;
        int j1 = Math.min(n, j0 + nc);
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            boolean store = overwrite && pc == 0;
            for (int jr = j0; jr < j1; jr += nr) {
                int cols = Math.min(nr, j1 - jr);
                int bIdx = (jr / nr) * nr * k + pc * nr;
                for (int ir = i0; ir < i1; ir += mr) {
                    int rows = Math.min(mr, i1 - ir);
                    double[] aData = a.data();
                    int aIdx = a.index(ir, pc, mr);
                    int aRow = a.rowStride();
                    int aDepth = a.depthStride();
                    if (rows < mr && a.panelSize() == 0) {
                        pack(aData, aIdx, aRow, aDepth, kc, mr, rows, edge, 0);
                        aData = edge;
                        aIdx = 0;
                        aRow = 1;
                        aDepth = mr;
                    }
                    int cIdx = cOff + ir * ldc + jr;
                    if (rows == mr && cols == nr) {
                        tile.multiply(kc, aData, aIdx, aRow, aDepth, bPack, bIdx, c, cIdx, ldc, !store);
                    } else {
                        // Edge tile: compute the full (zero-padded) tile aside, keep the part inside C.
                        tile.multiply(kc, aData, aIdx, aRow, aDepth, bPack, bIdx, scratch, 0, nr, false);
                        for (int i = 0; i < rows; i++) {
                            for (int j = 0; j < cols; j++) {
                                int at = cIdx + i * ldc + j;
                                c[at] = store ? scratch[i * nr + j] : c[at] + scratch[i * nr + j];
                            }
                        }
                    }
                    if (pc + kc == k) {
                        BiasRelu.forward(c, cIdx, ldc, rows, cols, bias, jr, relu);
                    }
                }
            }
        }
    }

    /**
     * Packs the whole of op(B) (k×n) into a new array of the panels {@link #multiply} reads, for
     * products that share one B.
     */
    static double[] packB(RegisterTile tile, boolean transB, int n, int k, double[] b, int bOff, int ldb) {
        int nr = tile.nr();
        int panels = ceilDiv(n, nr);
        double[] packed = new double[Math.toIntExact((long) panels * nr * k)];
        for (int panel = 0; panel < panels; panel++) {
            packB(transB, n, k, b, bOff, ldb, nr, panel, packed);
        }
        return packed;
    }

    /** Packs rows [panel·mr, panel·mr + mr) of op(A), p-major, zero-padding past row m. */
    private static void packA(boolean transA, int m, int k, double[] a, int aOff, int lda, int mr,
                              int panel, double[] dst) {
        int i0 = panel * mr;
        // op(A)[i][p] lies at a[aOff + i*lda + p], or at a[aOff + p*lda + i] when stored transposed.
        int rowStride = transA ? 1 : lda;
        int depthStride = transA ? lda : 1;
        pack(a, aOff + i0 * rowStride, rowStride, depthStride, k, mr, Math.min(mr, m - i0), dst, panel * mr * k);
    }

    /** Packs columns [panel·nr, panel·nr + nr) of op(B), p-major, zero-padding past column n. */
    private static void packB(boolean transB, int n, int k, double[] b, int bOff, int ldb, int nr,
                              int panel, double[] dst) {
        int j0 = panel * nr;
        // op(B)[p][j] lies at b[bOff + p*ldb + j], or at b[bOff + j*ldb + p] when stored transposed.
        int colStride = transB ? ldb : 1;
        int depthStride = transB ? 1 : ldb;
        pack(b, bOff + j0 * colStride, colStride, depthStride, k, nr, Math.min(nr, n - j0), dst, panel * nr * k);
    }

    /**
     * dst[base + p·width + i] = src[off + p·depthStride + i·widthStride] for i &lt; valid, and 0
     * for valid ≤ i &lt; width. One p at a time, so the writes are sequential and the reads are
     * either one contiguous run or {@code valid} sequential streams; a loop rather than
     * {@code System.arraycopy}, whose per-call cost dominated for runs of 6 to 16 elements.
     */
    private static void pack(double[] src, int off, int widthStride, int depthStride, int depth, int width,
                             int valid, double[] dst, int base) {
        for (int p = 0; p < depth; p++) {
            int s = off + p * depthStride;
            int d = base + p * width;
            if (widthStride == 1) {
                // A contiguous run (B as stored, a transposed A): a loop the JIT vectorizes.
                for (int i = 0; i < valid; i++) {
                    dst[d + i] = src[s + i];
                }
            } else {
                for (int i = 0; i < valid; i++) {
                    dst[d + i] = src[s + i * widthStride];
                }
            }
            for (int i = valid; i < width; i++) {
                dst[d + i] = 0.0;
            }
        }
    }

    private static double[] ensure(double[][] buffers, int which, long length) {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Matrix too large to pack: " + length + " elements");
        }
        if (buffers[which].length < length) {
            buffers[which] = new double[(int) length];
        }
        return buffers[which];
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
