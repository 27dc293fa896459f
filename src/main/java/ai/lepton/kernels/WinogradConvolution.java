package ai.lepton.kernels;

/**
 * {@link Convolution} for 3×3 kernels with stride 1 over at least
 * {@link Convolution#DEEP_CHANNELS} channels, by {@link Winograd}'s F(4×4, 3×3): per 4×4 output
 * tile, 36 products per channel and filter instead of 144.
 *
 * <p>The batch goes through in groups of up to {@link #GROUP} images, each in three parallel
 * phases. Forward: transform the input tiles into V (chunks of images); run the 36 products
 * {@code M[ξ] = V[ξ] · U[ξ]} against the transformed kernel U (one point per task); transform M
 * back into the output with the bias and ReLU (chunks of images). Backward: mask the gradient by
 * the ReLU (summing the bias gradient in the same pass) and transform it into {@code dM}; per
 * point, {@code dV[ξ] = dM[ξ] · U[ξ]ᵀ} and the kernel gradient {@code dU[ξ]ᵀ = dM[ξ]ᵀ · V[ξ]}
 * (added over groups in order); scatter dV back into dx; finally bring dU back to the kernel's
 * shape. Every chunk and every point is computed by one thread in a fixed order, so the results
 * never depend on the thread count. Forward keeps U for any backward pass, and the whole batch's V
 * (up to {@link Convolution#KEEP_MAX} elements) for the kernel gradient.
 *
 * <p>An input or kernel holding a NaN or an infinity goes to {@link Im2ColConvolution} instead,
 * so that it reaches exactly the outputs whose windows see it, with the value direct sums give
 * ({@code +Inf} stays {@code +Inf}). The backward pass of a finite forward pass stays Winograd's:
 * a non-finite output gradient may reach more of dx than the cells it flows to, which changes
 * nothing a step with a NaN or infinite gradient has not already lost.
 */
final class WinogradConvolution extends Convolution {

    static final WinogradConvolution INSTANCE = new WinogradConvolution();

    /**
     * Images whose tiles go through the 36 products together: 16 of 13×13 maps give products of
     * 144 rows. Longer products run faster per row (the packed panels are reused over more rows),
     * while a group's transformed arrays should stay near the cache (docs/performance.md, "Tuning
     * notes"). Larger batches go group by group, so that predicting 1,000 images at once needs no
     * more scratch memory than training does.
     */
    static final int GROUP = 16;

    private WinogradConvolution() {
    }

    /** Whether this algorithm computes the convolution: a 3×3 kernel, stride 1, no dilation, enough channels. */
    static boolean supports(SlidingWindow w) {
        return Winograd.supports(w) && w.channels() >= DEEP_CHANNELS;
    }

    /**
     * Runs the convolution, or hands it to {@link Im2ColConvolution} when the input or the kernel
     * holds a NaN or an infinity: the transforms add and subtract whole tiles, so one non-finite
     * input would reach outputs outside its 3×3 window (and turn {@code +Inf} into NaN as
     * {@code Inf − Inf}), while im2col's sums let it reach exactly the outputs that see it. The
     * check is one pass over x and the kernel, small beside the 36 products that follow.
     */
    @Override
    Pass run(Operands op, Keep keep) {
        SlidingWindow w = op.window();
        if (!allFinite(op.x(), (int) w.inputSize()) || !allFinite(op.kernel(), w.patchSize() * op.filters())) {
            return Im2ColConvolution.INSTANCE.run(op, keep);
        }
        int batch = w.batch();
        int channels = w.channels();
        int filters = op.filters();
        int tiles = Winograd.tilesPerImage(w);
        int inPerImage = op.inPerImage();
        int outPerImage = op.outPerImage();
        // Point ξ's matrices: rows (tiles) 36 points apart in the tile-major layout.
        int vRow = Winograd.POINTS * channels;
        int mRow = Winograd.POINTS * filters;
        Scratch kept = Scratch.open();
        // Inference: the kernel is usually the one of the previous call, its transform kept packed.
        PackedMatrix[] points = keep == Keep.NOTHING ? TransformedKernels.of(op.kernel(), channels, filters) : null;
        double[] u = points == null ? kept.take(Winograd.POINTS * channels * filters) : null;
        if (points == null) {
            Winograd.transformKernel(op.kernel(), channels, filters, u);
        }
        long vSize = (long) Winograd.POINTS * batch * tiles * channels;
        double[] keptV = keep == Keep.FOR_KERNEL_GRADIENT && vSize <= KEEP_MAX ? kept.take((int) vSize) : null;
        for (int first = 0; first < batch; first += GROUP) {
            int images = Math.min(GROUP, batch - first);
            int rows = images * tiles;
            int start = first;
            try (Scratch group = Scratch.open()) {
                // The group's V: its rows of the kept batch-wide array, or an array of its own.
                double[] v = keptV != null ? keptV : group.take(Winograd.POINTS * rows * channels);
                int vOff = keptV != null ? first * tiles * vRow : 0;
                Parallel.forRange(images, IMAGES_PER_CHUNK, (from, to) -> Winograd.transformInput(
                        w, op.x(), (start + from) * inPerImage, to - from, v, vOff + from * tiles * vRow));
                double[] m = group.take(Winograd.POINTS * rows * filters);
                Parallel.forRange(Winograd.POINTS, 1, (from, to) -> {
                    for (int xi = from; xi < to; xi++) {
                        if (points != null) {
                            Gemm.gemm(rows, v, vOff + xi * channels, vRow, points[xi], m, xi * filters, mRow, false);
                        } else {
                            Gemm.gemm(false, false, rows, filters, channels, v, vOff + xi * channels, vRow,
                                    u, xi * channels * filters, filters, m, xi * filters, mRow, false);
                        }
                    }
                });
                Parallel.forRange(images, IMAGES_PER_CHUNK, (from, to) -> Winograd.transformOutput(w, filters, m,
                        from * tiles * mRow, to - from, op.y(), (start + from) * outPerImage, op.bias(), op.relu()));
            }
        }
        if (keep == Keep.NOTHING) {
            kept.close();
            return new WinogradPass(op, null, null, null);
        }
        return new WinogradPass(op, kept, u, keptV);
    }

    /**
     * Whether {@code a[0..n)} holds only finite numbers: {@code v · 0} is 0 for those and NaN for
     * the rest. Eight independent sums keep the scan at memory speed (one chain of dependent adds
     * cost about 3% of a CNN epoch).
     */
    private static boolean allFinite(double[] a, int n) {
        double z0 = 0;
        double z1 = 0;
        double z2 = 0;
        double z3 = 0;
        double z4 = 0;
        double z5 = 0;
        double z6 = 0;
        double z7 = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            z0 += a[i] * 0.0;
            z1 += a[i + 1] * 0.0;
            z2 += a[i + 2] * 0.0;
            z3 += a[i + 3] * 0.0;
            z4 += a[i + 4] * 0.0;
            z5 += a[i + 5] * 0.0;
            z6 += a[i + 6] * 0.0;
            z7 += a[i + 7] * 0.0;
        }
        for (; i < n; i++) {
            z0 += a[i] * 0.0;
        }
        return z0 + z1 + z2 + z3 + z4 + z5 + z6 + z7 == 0;
    }

    /** The pass: the operands and, until the first backward, U and possibly the whole batch's V. */
    private static final class WinogradPass extends Pass {
        private final Scratch kept;
        private double[] keptU;
        private double[] keptV;

        WinogradPass(Operands op, Scratch kept, double[] keptU, double[] keptV) {
            super(op);
            this.kept = kept;
            this.keptU = keptU;
            this.keptV = keptV;
        }

        @Override
        void gradients(double[] gradOut, double[] dx, double[] dKernel, double[] dBias) {
            SlidingWindow w = op.window();
            int batch = w.batch();
            int channels = w.channels();
            int filters = op.filters();
            int tiles = Winograd.tilesPerImage(w);
            int inPerImage = op.inPerImage();
            int outPerImage = op.outPerImage();
            int vRow = Winograd.POINTS * channels;
            int mRow = Winograd.POINTS * filters;
            boolean wantDx = dx != null;
            boolean wantKernel = dKernel != null;
            double[] v0 = keptV;
            try (Scratch scratch = Scratch.open()) {
                double[] u = keptU;
                if (u == null) {
                    // A second backward pass over the same graph, or nothing was kept: U again.
                    u = scratch.take(Winograd.POINTS * channels * filters);
                    Winograd.transformKernel(op.kernel(), channels, filters, u);
                }
                double[] uu = u;
                double[] duT = wantKernel ? scratch.take(Winograd.POINTS * channels * filters) : null;
                double[] biasParts = dBias != null ? new double[op.chunks() * filters] : null;
                for (int first = 0; first < batch; first += GROUP) {
                    int images = Math.min(GROUP, batch - first);
                    int rows = images * tiles;
                    int start = first;
                    try (Scratch group = Scratch.open()) {
                        // The group's gradient of M, and its V for the kernel gradient (kept, or built again).
                        double[] dm = group.take(Winograd.POINTS * rows * filters);
                        double[] v = !wantKernel || v0 != null ? v0 : group.take(Winograd.POINTS * rows * channels);
                        int vOff = v0 != null ? first * tiles * vRow : 0;
                        Parallel.forRange(images, IMAGES_PER_CHUNK, (from, to) -> {
                            int off = (start + from) * outPerImage;
                            int rowsOut = (to - from) * outPerImage / filters;
                            int part = (start + from) / IMAGES_PER_CHUNK * filters;
                            try (Scratch chunk = Scratch.open()) {
                                double[] g = maskedGradient(gradOut, op.y(), off, rowsOut, filters, op.relu(),
                                        biasParts, part, chunk);
                                int gOff = g == gradOut ? off : 0;
                                Winograd.outputGradient(w, filters, g, gOff, to - from, dm, from * tiles * mRow);
                            }
                            if (wantKernel && v0 == null) {
                                Winograd.transformInput(w, op.x(), (start + from) * inPerImage, to - from, v,
                                        from * tiles * vRow);
                            }
                        });
                        double[] dv = wantDx ? group.take(Winograd.POINTS * rows * channels) : null;
                        boolean accumulate = first > 0;
                        Parallel.forRange(Winograd.POINTS, 1, (from, to) -> {
                            for (int xi = from; xi < to; xi++) {
                                if (wantDx) {
                                    Gemm.gemm(false, true, rows, channels, filters, dm, xi * filters, mRow,
                                            uu, xi * channels * filters, filters, dv, xi * channels, vRow, false);
                                }
                                if (wantKernel) {
                                    // dU[ξ]ᵀ = dM[ξ]ᵀ · V[ξ]: the packed operand is then V (channels
                                    // wide), not dM (filters wide), the faster of the two.
                                    Gemm.gemm(true, false, filters, channels, rows, dm, xi * filters, mRow,
                                            v, vOff + xi * channels, vRow, duT, xi * filters * channels, channels,
                                            accumulate);
                                }
                            }
                        });
                        if (wantDx) {
                            Parallel.forRange(images, IMAGES_PER_CHUNK, (from, to) -> Winograd.inputGradient(
                                    w, dv, from * tiles * vRow, to - from, dx, (start + from) * inPerImage));
                        }
                    }
                }
                release();
                if (wantKernel) {
                    kernelGradient(duT, channels, filters, dKernel, scratch);
                }
                if (dBias != null) {
                    sumParts(biasParts, op.chunks(), filters, dBias);
                }
            }
        }

        /** Gives U and V back to the pool: a second backward pass recomputes them. */
        private void release() {
            keptU = null;
            keptV = null;
            if (kept != null) {
                kept.close();
            }
        }
    }

    /**
     * The kernel's gradient from the transformed one's, held transposed ((ξ, f, c) rather than
     * (ξ, c, f)): the transform works element by element, so it runs on that layout as it is and
     * only its 3×3 result is turned back into (3, 3, c, f).
     */
    private static void kernelGradient(double[] duT, int channels, int filters, double[] dKernel, Scratch scratch) {
        double[] transposed = scratch.take(9 * channels * filters);
        Winograd.kernelGradient(duT, channels, filters, transposed);
        for (int tap = 0; tap < 9; tap++) {
            int base = tap * channels * filters;
            for (int f = 0; f < filters; f++) {
                for (int c = 0; c < channels; c++) {
                    dKernel[base + c * filters + f] = transposed[base + f * channels + c];
                }
            }
        }
    }
}
