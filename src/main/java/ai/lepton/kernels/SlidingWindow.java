package ai.lepton.kernels;

import java.util.Objects;

/**
 * The geometry of a 2-D sliding window (convolution or pooling) over a channels-last batch
 * {@code (batch, height, width, channels)}: window size, strides, dilation, the zero padding on
 * each side, and the output size they give. Layers and kernels compute shapes from the same
 * object, so they always agree.
 *
 * <p>Along each axis the window spans {@code dilation·(kernel − 1) + 1} cells of the padded input
 * (its taps are {@code dilation} apart), and the output has
 * {@code (in + padBefore + padAfter − span) / stride + 1} positions. Keras's two padding names
 * become explicit pads through {@link Padding}; every pad is smaller than the span, so each
 * window overlaps the input.
 *
 * <pre>{@code
 * SlidingWindow w = new SlidingWindow(32, 28, 28, 1, 3, 3, 1, 1, Padding.VALID);
 * w.outHeight();   // 26
 * new SlidingWindow(32, 7, 7, 8, 3, 3, 2, 2, Padding.SAME).padBottom();   // 1 (and padTop() 1)
 * }</pre>
 *
 * @param batch     number of images, at least 0
 * @param height    input height, at least 1
 * @param width     input width, at least 1
 * @param channels  channels per pixel, at least 1
 * @param kernelH   window height in taps, at least 1
 * @param kernelW   window width in taps, at least 1
 * @param strideH   vertical step, at least 1
 * @param strideW   horizontal step, at least 1
 * @param dilationH vertical distance between taps, at least 1
 * @param dilationW horizontal distance between taps, at least 1
 * @param padTop    rows of zeros above the input, at least 0
 * @param padBottom rows of zeros below it
 * @param padLeft   columns of zeros left of it
 * @param padRight  columns of zeros right of it
 */
public record SlidingWindow(int batch, int height, int width, int channels,
                            int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW,
                            int padTop, int padBottom, int padLeft, int padRight) {

    /**
     * Checks the values.
     *
     * @param batch     number of images, at least 0
     * @param height    input height, at least 1
     * @param width     input width, at least 1
     * @param channels  channels per pixel, at least 1
     * @param kernelH   window height in taps, at least 1
     * @param kernelW   window width in taps, at least 1
     * @param strideH   vertical step, at least 1
     * @param strideW   horizontal step, at least 1
     * @param dilationH vertical distance between taps, at least 1
     * @param dilationW horizontal distance between taps, at least 1
     * @param padTop    rows of zeros above the input, at least 0 and below the window's span
     * @param padBottom rows of zeros below it, likewise
     * @param padLeft   columns of zeros left of it, likewise
     * @param padRight  columns of zeros right of it, likewise
     * @throws IllegalArgumentException if a size is out of range or the window does not fit the padded input
     */
    public SlidingWindow {
        if (batch < 0 || height < 1 || width < 1 || channels < 1 || kernelH < 1 || kernelW < 1
                || strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("Sliding window needs batch >= 0 and every other size >= 1. Received: "
                    + describe(batch, height, width, channels, kernelH, kernelW, strideH, strideW, dilationH,
                    dilationW));
        }
        int spanH = dilationH * (kernelH - 1) + 1;
        int spanW = dilationW * (kernelW - 1) + 1;
        if (Math.min(Math.min(padTop, padBottom), Math.min(padLeft, padRight)) < 0
                || Math.max(padTop, padBottom) >= spanH || Math.max(padLeft, padRight) >= spanW) {
            throw new IllegalArgumentException("Each pad must be >= 0 and smaller than the window's span ("
                    + spanH + "x" + spanW + "). Received: pads (top, bottom, left, right) = (" + padTop + ", "
                    + padBottom + ", " + padLeft + ", " + padRight + ")");
        }
        if (spanH > height + padTop + padBottom || spanW > width + padLeft + padRight) {
            throw new IllegalArgumentException("A " + spanH + "×" + spanW + " window does not fit a " + height + "×"
                    + width + " input with pads (" + padTop + ", " + padBottom + ", " + padLeft + ", " + padRight
                    + "). Received: "
                    + describe(batch, height, width, channels, kernelH, kernelW, strideH, strideW, dilationH,
                    dilationW));
        }
    }

    /**
     * The geometry with Keras's padding rule by name and no dilation: {@link Padding#VALID} adds
     * none, {@link Padding#SAME} pads as TensorFlow does (the odd extra cell at the bottom or right).
     *
     * @param batch    number of images, at least 0
     * @param height   input height, at least 1
     * @param width    input width, at least 1
     * @param channels channels per pixel, at least 1
     * @param kernelH  window height, at least 1
     * @param kernelW  window width, at least 1
     * @param strideH  vertical step, at least 1
     * @param strideW  horizontal step, at least 1
     * @param padding  the border rule
     * @throws IllegalArgumentException if a size is out of range or a valid window does not fit
     */
    public SlidingWindow(int batch, int height, int width, int channels, int kernelH, int kernelW,
                         int strideH, int strideW, Padding padding) {
        this(batch, height, width, channels, kernelH, kernelW, strideH, strideW, 1, 1,
                pad(padding, true, height, kernelH, strideH), pad(padding, false, height, kernelH, strideH),
                pad(padding, true, width, kernelW, strideW), pad(padding, false, width, kernelW, strideW));
    }

    /** The rule's pad before or after an axis; 0 for sizes the canonical constructor rejects. */
    private static int pad(Padding padding, boolean before, int in, int kernel, int stride) {
        Objects.requireNonNull(padding, "padding");
        if (in < 1 || kernel < 1 || stride < 1) {
            return 0;
        }
        return before ? padding.padBefore(in, kernel, stride) : padding.padAfter(in, kernel, stride);
    }

    /**
     * The same geometry over another number of images, e.g. one chunk of a batch.
     *
     * @param images the number of images, at least 0
     * @return the geometry with {@code batch = images}
     */
    public SlidingWindow withBatch(int images) {
        return new SlidingWindow(images, height, width, channels, kernelH, kernelW, strideH, strideW,
                dilationH, dilationW, padTop, padBottom, padLeft, padRight);
    }

    /**
     * Rows of the padded input one window covers: dilationH·(kernelH − 1) + 1.
     *
     * @return the vertical span
     */
    public int spanH() {
        return dilationH * (kernelH - 1) + 1;
    }

    /**
     * Columns of the padded input one window covers: dilationW·(kernelW − 1) + 1.
     *
     * @return the horizontal span
     */
    public int spanW() {
        return dilationW * (kernelW - 1) + 1;
    }

    /**
     * Output height: number of vertical window positions.
     *
     * @return the height
     */
    public int outHeight() {
        return (height + padTop + padBottom - spanH()) / strideH + 1;
    }

    /**
     * Output width: number of horizontal window positions.
     *
     * @return the width
     */
    public int outWidth() {
        return (width + padLeft + padRight - spanW()) / strideW + 1;
    }

    /**
     * Whether the taps of each window are adjacent cells (no dilation), as pooling and the
     * Winograd and direct convolutions need.
     *
     * @return true when both dilations are 1
     */
    public boolean undilated() {
        return dilationH == 1 && dilationW == 1;
    }

    /**
     * Elements in the input batch: batch·height·width·channels.
     *
     * @return the count
     */
    public long inputSize() {
        return (long) batch * height * width * channels;
    }

    /**
     * Window positions over the batch: batch·outHeight·outWidth.
     *
     * @return the count
     */
    public long positions() {
        return (long) batch * outHeight() * outWidth();
    }

    /**
     * Elements in one window (one im2col row): kernelH·kernelW·channels.
     *
     * @return the count
     */
    public int patchSize() {
        return kernelH * kernelW * channels;
    }

    private static String describe(int batch, int height, int width, int channels, int kernelH, int kernelW,
                                   int strideH, int strideW, int dilationH, int dilationW) {
        return "input=(" + batch + ", " + height + ", " + width + ", " + channels + "), kernel=("
                + kernelH + ", " + kernelW + "), strides=(" + strideH + ", " + strideW + "), dilation=("
                + dilationH + ", " + dilationW + ")";
    }
}
