package ai.lepton.kernels;

import java.util.Arrays;

/**
 * One way of computing a 2-D convolution of a channels-last batch (Keras's, i.e.
 * cross-correlation), behind the contract every algorithm shares:
 * <pre>
 *   y[b, i, j, f] = relu?(bias[f] + Σ_(p, q, c) x[b, i·sh − top + p·dh, j·sw − left + q·dw, c]
 *                                               · kernel[p, q, c, f])
 * </pre>
 * with zeros outside the input (sh, sw the strides, dh, dw the dilations). {@link #forward}
 * computes y and returns a {@link Pass}, what the algorithm keeps for backward;
 * {@link Pass#backward} fills the input, kernel and bias gradients asked for. Chunking, grouping,
 * threading, tile layouts and scratch memory stay inside the algorithm; {@link #choose} picks the
 * algorithm from the geometry alone.
 *
 * <p>Shapes: x {@code (batch, h, w, c)}, kernel {@code (kh, kw, c, filters)} (Keras's own, so
 * that it is the im2col product's right-hand matrix as it lies in memory), bias {@code (filters)}
 * or none, y {@code (batch, outH, outW, filters)} with the sizes of the {@link SlidingWindow}.
 * Backward, with {@code g} the output gradient masked by {@code y > 0} under the fused ReLU:
 * {@code dx = col2im(g · kernelᵀ)}, {@code dKernel = im2col(x)ᵀ · g}, {@code dBias = column sums of g}.
 *
 * <p>The algorithms, each giving the same results up to rounding:
 * <ul>
 *   <li>{@link WinogradConvolution}: 3×3 kernels, stride 1, at least {@link #DEEP_CHANNELS}
 *       input channels; 4× fewer multiplications.</li>
 *   <li>{@link DirectConvolution}: fewer input channels than that (a first layer's gray or RGB
 *       pixels), whose im2col product would be too shallow to run well.</li>
 *   <li>{@link Im2ColConvolution}: everything else (strided, larger or dilated kernels over many
 *       channels).</li>
 * </ul>
 *
 * <p>Work is split into fixed chunks of {@link #IMAGES_PER_CHUNK} images, each computed by one
 * thread in a fixed order, and per-chunk partial gradients are summed in chunk order, so results
 * never depend on the thread count. Output and gradient arrays come from the caller (an autograd
 * op takes them from its step's arena); temporaries come from {@link Scratch}.
 *
 * <pre>{@code
 * SlidingWindow w = new SlidingWindow(32, 28, 28, 1, 3, 3, 1, 1, Padding.VALID);   // 32 gray images
 * double[] pixels = Tensor.rand(1, 32, 28, 28, 1).toArray();
 * double[] filters = Tensor.randn(2, 3, 3, 1, 8).toArray();
 * double[] y = new double[(int) w.positions() * 8];                               // (32, 26, 26, 8)
 * Convolution.Pass pass = Convolution.choose(w)
 *         .forward(w, pixels, filters, 8, new double[8], true, Convolution.Keep.FOR_KERNEL_GRADIENT, y);
 * double[] dFilters = new double[filters.length];
 * double[] dBias = new double[8];
 * pass.backward(y, null, dFilters, dBias);   // the gradients of sum(y²) / 2; a first layer needs no dx
 * }</pre>
 */
public abstract class Convolution {

    /**
     * Images per parallel chunk. Fixed, so that the work split (and with it every bit of the
     * result) never depends on the thread count; 4 gives a batch of 32 eight chunks to share out,
     * and keeps one chunk's temporaries small enough to stay in cache.
     */
    static final int IMAGES_PER_CHUNK = 4;

    /**
     * The largest transformed or im2col input (in elements) that forward keeps for the kernel
     * gradient instead of backward rebuilding it: 8M doubles, 64 MB. Beyond it, memory matters
     * more than the copy saved.
     */
    static final long KEEP_MAX = 8L << 20;

    /**
     * Input channels from which a convolution goes through matrix products (Winograd's or
     * im2col's); with fewer, the products are too shallow to run well and the direct sums win.
     */
    static final int DEEP_CHANNELS = 8;

    Convolution() {
    }

    /**
     * The algorithm for a geometry.
     *
     * @param window the convolution's geometry
     * @return Winograd's for 3×3 stride-1 kernels over at least {@link #DEEP_CHANNELS} channels,
     *         the direct one over fewer channels, im2col's otherwise
     */
    public static Convolution choose(SlidingWindow window) {
        if (WinogradConvolution.supports(window)) {
            return WinogradConvolution.INSTANCE;
        }
        if (DirectConvolution.supports(window)) {
            return DirectConvolution.INSTANCE;
        }
        return Im2ColConvolution.INSTANCE;
    }

    /** What a forward pass keeps for backward: only what the gradients to come need. */
    public enum Keep {
        /** Nothing: no backward pass follows (inference). */
        NOTHING,
        /** What the input and bias gradients need; the kernel needs none. */
        FOR_INPUT_GRADIENT,
        /** Also what the kernel gradient needs (im2col's matrix, Winograd's transformed input), up to 64 MB. */
        FOR_KERNEL_GRADIENT
    }

    /**
     * Computes {@code y = relu?(conv(x, kernel) + bias)} for the whole batch.
     *
     * @param window  the geometry, whose batch is x's
     * @param x       the input, {@code window.inputSize()} elements (not modified; read again by backward)
     * @param kernel  {@code (kh, kw, c, filters)} (not modified; read again by backward)
     * @param filters output channels, at least 1
     * @param bias    one value per filter (not modified), or {@code null} for none
     * @param relu    whether to apply {@code max(·, 0)} to the result
     * @param keep    what to keep for the backward pass
     * @param y       the output, {@code window.positions()·filters} elements (overwritten; read by
     *                backward's ReLU mask)
     * @return the pass, for backward
     * @throws IllegalArgumentException if an array is too short for its part or filters is below 1
     */
    public final Pass forward(SlidingWindow window, double[] x, double[] kernel, int filters, double[] bias,
                              boolean relu, Keep keep, double[] y) {
        if (filters < 1) {
            throw new IllegalArgumentException("A convolution needs filters >= 1. Received: filters=" + filters);
        }
        Im2Col.checkLength("input", x, 0, window.inputSize());
        Im2Col.checkLength("kernel", kernel, 0, (long) window.patchSize() * filters);
        if (bias != null) {
            Im2Col.checkLength("bias", bias, 0, filters);
        }
        Im2Col.checkLength("output", y, 0, window.positions() * filters);
        return run(new Operands(window, x, kernel, filters, bias, relu, y), keep);
    }

    /** The algorithm's forward pass over checked operands. */
    abstract Pass run(Operands operands, Keep keep);

    /** A forward pass's arrays and settings, as backward needs them again. */
    record Operands(SlidingWindow window, double[] x, double[] kernel, int filters, double[] bias, boolean relu,
                    double[] y) {

        /** Elements per input image. */
        int inPerImage() {
            return window.height() * window.width() * window.channels();
        }

        /** Elements per output image. */
        int outPerImage() {
            return window.outHeight() * window.outWidth() * filters;
        }

        /** The number of chunks of {@link #IMAGES_PER_CHUNK} images in the batch. */
        int chunks() {
            return (window.batch() + IMAGES_PER_CHUNK - 1) / IMAGES_PER_CHUNK;
        }
    }

    /**
     * One forward pass, kept for its backward pass. Arrays kept from forward go back to the
     * {@link Scratch} pool when the first backward pass is done; a second backward pass over the
     * same pass (a graph walked twice) recomputes them.
     */
    public abstract static class Pass {
        final Operands op;

        Pass(Operands op) {
            this.op = op;
        }

        /**
         * Fills the gradients asked for (a {@code null} array is not computed).
         *
         * @param gradOut the output gradient, laid out as y (not modified)
         * @param dx      the input gradient, laid out as x (overwritten), or {@code null}
         * @param dKernel the kernel gradient, laid out as the kernel (overwritten), or {@code null}
         * @param dBias   the bias gradient, one per filter (overwritten), or {@code null}
         * @throws IllegalArgumentException if an array is too short for its part
         */
        public final void backward(double[] gradOut, double[] dx, double[] dKernel, double[] dBias) {
            SlidingWindow w = op.window();
            Im2Col.checkLength("output gradient", gradOut, 0, w.positions() * op.filters());
            if (dx != null) {
                Im2Col.checkLength("input gradient", dx, 0, w.inputSize());
            }
            if (dKernel != null) {
                Im2Col.checkLength("kernel gradient", dKernel, 0, (long) w.patchSize() * op.filters());
            }
            if (dBias != null) {
                Im2Col.checkLength("bias gradient", dBias, 0, op.filters());
            }
            gradients(gradOut, dx, dKernel, dBias);
        }

        /** The algorithm's backward pass over checked arrays. */
        abstract void gradients(double[] gradOut, double[] dx, double[] dKernel, double[] dBias);
    }

    /**
     * The gradient of a rows×filters block of the output from {@code off}, through the fused ReLU
     * when {@code relu} (masked by {@code y > 0} into an array of {@code scratch}, read from 0), or
     * {@code gradOut} itself (read from {@code off}); with {@code sums}, the block's column sums
     * (the bias gradient) go to {@code sums[sumsOff...]} in the same pass.
     */
    static double[] maskedGradient(double[] gradOut, double[] y, int off, int rows, int filters, boolean relu,
                                   double[] sums, int sumsOff, Scratch scratch) {
        if (relu) {
            double[] g = scratch.take(rows * filters);
            BiasRelu.backward(gradOut, off, y, off, g, 0, rows, filters, sums, sumsOff);
            return g;
        }
        if (sums != null) {
            BiasRelu.columnSums(gradOut, off, rows, filters, sums, sumsOff);
        }
        return gradOut;
    }

    /**
     * The input gradient of the images of {@code chunk} (a part of the batch): col2im of
     * {@code g · kernelᵀ}, overwriting their part of dx.
     */
    static void inputGradient(SlidingWindow chunk, double[] g, int gOff, double[] kernel, int filters, double[] dx,
                              int dxOff) {
        int rows = (int) chunk.positions();
        int patch = chunk.patchSize();
        try (Scratch scratch = Scratch.open()) {
            double[] dCols = scratch.take(rows * patch);
            Gemm.gemm(false, true, rows, patch, filters, g, gOff, filters, kernel, 0, filters, dCols, 0, patch, false);
            Arrays.fill(dx, dxOff, dxOff + (int) chunk.inputSize(), 0.0);
            Im2Col.col2im(chunk, dCols, 0, dx, dxOff);
        }
    }

    /** sum = the sum of {@code count} consecutive arrays of {@code length} in {@code parts}, added in order. */
    static void sumParts(double[] parts, int count, int length, double[] sum) {
        if (count == 0) {
            Arrays.fill(sum, 0, length, 0.0);
            return;
        }
        System.arraycopy(parts, 0, sum, 0, length);
        for (int c = 1; c < count; c++) {
            int base = c * length;
            for (int i = 0; i < length; i++) {
                sum[i] += parts[base + i];
            }
        }
    }
}
