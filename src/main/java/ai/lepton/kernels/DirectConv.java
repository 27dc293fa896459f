package ai.lepton.kernels;

import java.util.Arrays;

/**
 * Direct convolution of channels-last images with few input channels (a first layer's gray or
 * RGB pixels), forward and the kernel and bias gradient: each output pixel's filters summed
 * straight from the input, with the bias and ReLU applied before it is stored, instead of
 * im2col's copy, a GEMM too shallow to run well (9 deep for a 3×3 gray kernel) and a separate
 * epilogue. Backward masks the output gradient by the ReLU one output row at a time, while it is
 * in cache, and sums the bias gradient in the kernel gradient's pass. The loops are
 * {@link DirectConvLoops}: on the Vector API when it is present.
 *
 * <p>An image that needs padding is first copied into a zero-bordered scratch image, so that
 * every tap of every output pixel lies inside the array. Sums run over taps (p, q, ch) in that
 * order, by fused multiply-adds from the bias, so they round differently from im2col's GEMM,
 * and identically whatever the thread count.
 *
 * <pre>{@code
 * SlidingWindow w = new SlidingWindow(2, 28, 28, 1, 3, 3, 1, 1, Padding.VALID);
 * double[] pixels = Tensor.rand(1, 2, 28, 28, 1).toArray();
 * double[] filters = Tensor.randn(2, 3, 3, 1, 8).toArray();
 * double[] maps = new double[2 * 26 * 26 * 8];
 * DirectConv.forward(w, pixels, 0, 2, filters, 8, new double[8], true, maps, 0);   // relu(conv), (2, 26, 26, 8)
 * }</pre>
 */
public final class DirectConv {

    private static final DirectConvLoops LOOPS = DirectConvLoops.SELECTED;

    /** Each thread's padded copy of one image, kept between calls. */
    private static final ThreadLocal<double[]> PADDED = ThreadLocal.withInitial(() -> new double[0]);

    private DirectConv() {
    }

    /**
     * {@code y = relu(conv(x, kernel) + bias)} for {@code images} images (without the max unless
     * {@code relu}).
     *
     * @param w       the geometry (its batch size is not used)
     * @param x       the input (not modified)
     * @param xOff    index of the first image's first element
     * @param images  number of images
     * @param kernel  (kh, kw, channels, filters) (not modified)
     * @param filters output channels
     * @param bias    one per filter, or null
     * @param relu    whether to rectify
     * @param y       the output (overwritten for these images)
     * @param yOff    index of the first image's first output
     */
    public static void forward(SlidingWindow w, double[] x, int xOff, int images, double[] kernel, int filters,
                               double[] bias, boolean relu, double[] y, int yOff) {
        Image image = new Image(w);
        double[] b0 = bias != null ? bias : new double[filters];
        for (int b = 0; b < images; b++) {
            int at = image.load(x, xOff + b * image.inputSize);
            double[] source = image.source(x);
            for (int i = 0; i < w.outHeight(); i++) {
                LOOPS.convRow(source, at + i * w.strideH() * image.rowStride, image.pixelStep, image.taps, kernel,
                        filters, b0, relu, y, yOff + (b * w.outHeight() + i) * w.outWidth() * filters, w.outWidth());
            }
        }
    }

    /**
     * Adds the kernel and bias gradient of {@code images} images to {@code dKernel} and
     * {@code dBias}: the output gradient g, masked by {@code y > 0} when {@code y} is given, times
     * the input under each tap.
     *
     * @param w       the geometry (its batch size is not used)
     * @param x       the input (not modified)
     * @param xOff    index of the first image's first element
     * @param images  number of images
     * @param g       the output gradient (not modified)
     * @param y       the rectified output for the mask, or null for none (not modified)
     * @param gOff    index of the first image's first output in g and y
     * @param filters output channels
     * @param dKernel (kh, kw, channels, filters), added to from {@code dkOff}
     * @param dkOff   index of its first element
     * @param dBias   one per filter, added to from {@code dbOff}, or null
     * @param dbOff   index of its first element
     */
    public static void kernelGradient(SlidingWindow w, double[] x, int xOff, int images, double[] g, double[] y,
                                      int gOff, int filters, double[] dKernel, int dkOff, double[] dBias, int dbOff) {
        Image image = new Image(w);
        double[] sums = dBias != null ? dBias : new double[filters];
        int sumsOff = dBias != null ? dbOff : 0;
        int rowLength = w.outWidth() * filters;
        double[] masked = y == null ? null : new double[rowLength];
        for (int b = 0; b < images; b++) {
            int at = image.load(x, xOff + b * image.inputSize);
            double[] source = image.source(x);
            for (int i = 0; i < w.outHeight(); i++) {
                int row = gOff + (b * w.outHeight() + i) * rowLength;
                double[] gRow = g;
                int gRowOff = row;
                if (masked != null) {
                    // The row's gradient through the ReLU, once, rather than once per tap.
                    BiasRelu.backward(g, row, y, row, masked, 0, 1, rowLength, null, 0);
                    gRow = masked;
                    gRowOff = 0;
                }
                LOOPS.convRowGrad(source, at + i * w.strideH() * image.rowStride, image.pixelStep, image.taps, gRow,
                        gRowOff, filters, w.outWidth(), dKernel, dkOff, sums, sumsOff);
            }
        }
    }

    /**
     * Where an image's taps are read: the input itself, or a zero-bordered copy when the
     * windows reach past the input (padding).
     */
    private static final class Image {
        final SlidingWindow w;
        final int inputSize;
        final boolean padded;
        final int rowStride;
        final int pixelStep;
        final double[] copy;
        final int copyLength;
        /** Each tap's position relative to its pixel, in the kernel's (p, q, ch) order. */
        final int[] taps;

        Image(SlidingWindow w) {
            if (!w.undilated()) {
                throw new IllegalArgumentException("The direct convolution takes no dilation. Received: dilation=("
                        + w.dilationH() + ", " + w.dilationW() + ")");
            }
            this.w = w;
            int c = w.channels();
            inputSize = w.height() * w.width() * c;
            int height = (w.outHeight() - 1) * w.strideH() + w.kernelH();
            int width = (w.outWidth() - 1) * w.strideW() + w.kernelW();
            padded = w.padTop() > 0 || w.padLeft() > 0 || height > w.height() || width > w.width();
            rowStride = (padded ? width : w.width()) * c;
            pixelStep = w.strideW() * c;
            copyLength = padded ? height * rowStride : 0;
            copy = padded ? scratch(copyLength) : null;
            taps = new int[w.kernelH() * w.kernelW() * c];
            for (int t = 0; t < taps.length; t++) {
                taps[t] = t / (w.kernelW() * c) * rowStride + t % (w.kernelW() * c);
            }
        }

        /** Copies the image at {@code off} into the padded array if needed; where its first tap lies. */
        int load(double[] x, int off) {
            if (!padded) {
                return off;
            }
            int c = w.channels();
            Arrays.fill(copy, 0, copyLength, 0.0);
            int rowLength = w.width() * c;
            int columnsTo = Math.min(w.width(), rowStride / c - w.padLeft());
            for (int r = 0; r < w.height(); r++) {
                int row = r + w.padTop();
                if (row * rowStride >= copyLength) {
                    break;
                }
                System.arraycopy(x, off + r * rowLength, copy, row * rowStride + w.padLeft() * c, columnsTo * c);
            }
            return 0;
        }

        double[] source(double[] x) {
            return padded ? copy : x;
        }
    }

    private static double[] scratch(int length) {
        double[] s = PADDED.get();
        if (s.length < length) {
            s = new double[length];
            PADDED.set(s);
        }
        return s;
    }
}
