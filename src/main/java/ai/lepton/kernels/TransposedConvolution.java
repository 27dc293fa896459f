package ai.lepton.kernels;

/**
 * Transposed 2-D convolution (Keras's {@code Conv2DTranspose}, TensorFlow's
 * {@code conv2d_transpose}): the input gradient of a direct {@link Convolution} run as a forward
 * pass. With {@code w} the geometry of that direct convolution, from a {@code (batch, H, W, filters)}
 * image to a {@code (batch, outH, outW, in)} one, and kernel {@code (kh, kw, filters, in)} (Keras's
 * transposed layout, which is the direct convolution's own):
 * <pre>
 *   forward:  y  = col2im(x · kernelᵀ)           x (batch, outH, outW, in) → y (batch, H, W, filters)
 *   backward: dx = im2col(dy) · kernel           (the direct convolution of dy)
 *             dKernel = im2col(dy)ᵀ · x
 * </pre>
 * Images go in fixed chunks of {@link Convolution#IMAGES_PER_CHUNK}, the chunks' kernel
 * gradients summed in chunk order, so results never depend on the thread count.
 *
 * <pre>{@code
 * SlidingWindow w = new SlidingWindow(2, 8, 8, 4, 3, 3, 2, 2, 1, 1, 0, 1, 0, 1);   // 8x8x4 <- 4x4x6
 * double[] y = new double[(int) w.inputSize()];
 * TransposedConvolution.forward(w, new double[2 * 4 * 4 * 6], new double[3 * 3 * 4 * 6], 6, y);
 * }</pre>
 */
public final class TransposedConvolution {

    private TransposedConvolution() {
    }

    /**
     * Computes y = col2im(x · kernelᵀ) for the whole batch.
     *
     * @param w      the direct convolution's geometry (its input is y, its output x)
     * @param x      {@code w.positions()·in} elements (not modified)
     * @param kernel {@code (kh, kw, w.channels(), in)} (not modified)
     * @param in     x's channels, at least 1
     * @param y      {@code w.inputSize()} elements (overwritten)
     * @throws IllegalArgumentException if an array is too short
     */
    public static void forward(SlidingWindow w, double[] x, double[] kernel, int in, double[] y) {
        check(w, x, kernel, in);
        Im2Col.checkLength("output", y, 0, w.inputSize());
        int xPerImage = w.outHeight() * w.outWidth() * in;
        int yPerImage = w.height() * w.width() * w.channels();
        Parallel.forRange(w.batch(), Convolution.IMAGES_PER_CHUNK, (from, to) ->
                Convolution.inputGradient(w.withBatch(to - from), x, from * xPerImage, kernel, in, y, from * yPerImage));
    }

    /**
     * Fills the gradients asked for (a {@code null} array is not computed).
     *
     * @param w       the forward pass's geometry
     * @param x       the forward pass's input (not modified)
     * @param kernel  the forward pass's kernel (not modified)
     * @param in      x's channels
     * @param dy      the output gradient, laid out as y (not modified)
     * @param dx      the input gradient, laid out as x (overwritten), or {@code null}
     * @param dKernel the kernel gradient (overwritten), or {@code null}
     * @throws IllegalArgumentException if an array is too short
     */
    public static void backward(SlidingWindow w, double[] x, double[] kernel, int in, double[] dy, double[] dx,
                                double[] dKernel) {
        check(w, x, kernel, in);
        Im2Col.checkLength("output gradient", dy, 0, w.inputSize());
        int patch = w.patchSize();
        int perImage = w.outHeight() * w.outWidth();
        int yPerImage = w.height() * w.width() * w.channels();
        int chunks = (w.batch() + Convolution.IMAGES_PER_CHUNK - 1) / Convolution.IMAGES_PER_CHUNK;
        try (Scratch kept = Scratch.open()) {
            double[] parts = dKernel == null ? null : kept.take(chunks * patch * in);
            Parallel.forRange(w.batch(), Convolution.IMAGES_PER_CHUNK, (from, to) -> {
                int rows = (to - from) * perImage;
                try (Scratch scratch = Scratch.open()) {
                    double[] cols = scratch.take(rows * patch);
                    Im2Col.im2col(w.withBatch(to - from), dy, from * yPerImage, cols, 0);
                    if (dx != null) {
                        Gemm.gemm(false, false, rows, in, patch, cols, 0, patch, kernel, 0, in, dx, from * perImage * in, in,
                                false);
                    }
                    if (parts != null) {
                        Gemm.gemm(true, false, patch, in, rows, cols, 0, patch, x, from * perImage * in, in, parts,
                                (from / Convolution.IMAGES_PER_CHUNK) * patch * in, in, false);
                    }
                }
            });
            if (dKernel != null) {
                Convolution.sumParts(parts, chunks, patch * in, dKernel);
            }
        }
    }

    private static void check(SlidingWindow w, double[] x, double[] kernel, int in) {
        if (in < 1) {
            throw new IllegalArgumentException("A transposed convolution needs at least 1 input channel. Received: " + in);
        }
        Im2Col.checkLength("input", x, 0, w.positions() * in);
        Im2Col.checkLength("kernel", kernel, 0, (long) w.patchSize() * in);
    }
}
