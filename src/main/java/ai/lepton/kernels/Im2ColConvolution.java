package ai.lepton.kernels;

/**
 * {@link Convolution} by im2col and one GEMM: {@code y = cols · kernel}, where {@code cols} has one
 * {@code (kh, kw, c)} patch per output pixel ({@link Im2Col}), so the product is already NHWC.
 * The bias and ReLU are applied inside the GEMM to each block of y as soon as it is complete.
 * Backward: {@code dKernel = colsᵀ · g}, {@code dx = col2im(g · kernelᵀ)}; the ReLU mask and the
 * bias sums are one pass over g.
 *
 * <p>Each chunk of images builds its slice of {@code cols} (small enough to stay in cache between
 * im2col and the GEMM) and multiplies it into its slice of y; in backward, each chunk computes
 * its slice of dx and a partial kernel and bias gradient. With
 * {@link Convolution.Keep#FOR_KERNEL_GRADIENT}, forward keeps the whole batch's {@code cols} (up
 * to {@link Convolution#KEEP_MAX} elements) for backward's {@code colsᵀ · g} instead of backward
 * building it again.
 */
final class Im2ColConvolution extends Convolution {

    static final Im2ColConvolution INSTANCE = new Im2ColConvolution();

    private Im2ColConvolution() {
    }

    @Override
    Pass run(Operands op, Keep keep) {
        SlidingWindow w = op.window();
        int patch = w.patchSize();
        int filters = op.filters();
        int perImage = w.outHeight() * w.outWidth();
        int inPerImage = op.inPerImage();
        long colsSize = w.positions() * patch;
        Scratch kept = Scratch.open();
        double[] keptCols = keep == Keep.FOR_KERNEL_GRADIENT && colsSize <= KEEP_MAX ? kept.take((int) colsSize) : null;
        Parallel.forRange(w.batch(), IMAGES_PER_CHUNK, (from, to) -> {
            int rows = (to - from) * perImage;
            int row0 = from * perImage;
            try (Scratch scratch = Scratch.open()) {
                double[] cols = keptCols != null ? keptCols : scratch.take(rows * patch);
                int colsOff = keptCols != null ? row0 * patch : 0;
                Im2Col.im2col(w.withBatch(to - from), op.x(), from * inPerImage, cols, colsOff);
                Gemm.gemm(false, false, rows, filters, patch, cols, colsOff, patch, op.kernel(), 0, filters,
                        op.y(), row0 * filters, filters, op.bias(), op.relu());
            }
        });
        return new Im2ColPass(op, kept, keptCols);
    }

    /** The pass: the operands and, until the first backward, the whole batch's {@code cols}. */
    private static final class Im2ColPass extends Pass {
        private final Scratch kept;
        private double[] keptCols;

        Im2ColPass(Operands op, Scratch kept, double[] keptCols) {
            super(op);
            this.kept = kept;
            this.keptCols = keptCols;
        }

        @Override
        void gradients(double[] gradOut, double[] dx, double[] dKernel, double[] dBias) {
            SlidingWindow w = op.window();
            int patch = w.patchSize();
            int filters = op.filters();
            int perImage = w.outHeight() * w.outWidth();
            int inPerImage = op.inPerImage();
            int chunks = op.chunks();
            double[] cols = keptCols;
            try (Scratch scratch = Scratch.open()) {
                // One partial kernel and bias gradient per chunk, summed in chunk order below.
                double[] kernelParts = dKernel != null ? scratch.take(chunks * patch * filters) : null;
                double[] biasParts = dBias != null ? new double[chunks * filters] : null;
                Parallel.forRange(w.batch(), IMAGES_PER_CHUNK, (from, to) -> {
                    int c = from / IMAGES_PER_CHUNK;
                    int rows = (to - from) * perImage;
                    int off = from * perImage * filters;
                    SlidingWindow chunk = w.withBatch(to - from);
                    try (Scratch chunkScratch = Scratch.open()) {
                        double[] g = maskedGradient(gradOut, op.y(), off, rows, filters, op.relu(), biasParts,
                                c * filters, chunkScratch);
                        int gOff = g == gradOut ? off : 0;
                        if (dx != null) {
                            inputGradient(chunk, g, gOff, op.kernel(), filters, dx, from * inPerImage);
                        }
                        if (kernelParts != null) {
                            double[] chunkCols = cols;
                            int colsOff = from * perImage * patch;
                            if (chunkCols == null) {
                                chunkCols = chunkScratch.take(rows * patch);
                                colsOff = 0;
                                Im2Col.im2col(chunk, op.x(), from * inPerImage, chunkCols, 0);
                            }
                            Gemm.gemm(true, false, patch, filters, rows, chunkCols, colsOff, patch, g, gOff, filters,
                                    kernelParts, c * patch * filters, filters, false);
                        }
                    }
                });
                // A second backward pass over the same graph rebuilds the matrix chunk by chunk.
                keptCols = null;
                kept.close();
                if (dKernel != null) {
                    sumParts(kernelParts, chunks, patch * filters, dKernel);
                }
                if (dBias != null) {
                    sumParts(biasParts, chunks, filters, dBias);
                }
            }
        }
    }
}
