package ai.lepton.kernels;

import java.util.Objects;

/**
 * The geometry of a 2-D sliding window (convolution or pooling) over a channels-last batch
 * {@code (batch, height, width, channels)}: window size, strides, padding, and the output size
 * they give. Layers and kernels compute shapes from the same object, so they always agree.
 *
 * <pre>{@code
 * SlidingWindow w = new SlidingWindow(32, 28, 28, 1, 3, 3, 1, 1, Padding.VALID);
 * w.outHeight();   // 26
 * }</pre>
 *
 * @param batch    number of images, at least 0
 * @param height   input height, at least 1
 * @param width    input width, at least 1
 * @param channels channels per pixel, at least 1
 * @param kernelH  window height, at least 1
 * @param kernelW  window width, at least 1
 * @param strideH  vertical step, at least 1
 * @param strideW  horizontal step, at least 1
 * @param padding  border rule
 */
public record SlidingWindow(int batch, int height, int width, int channels,
                            int kernelH, int kernelW, int strideH, int strideW, Padding padding) {

    /**
     * Checks the values.
     *
     * @param batch    number of images, at least 0
     * @param height   input height, at least 1
     * @param width    input width, at least 1
     * @param channels channels per pixel, at least 1
     * @param kernelH  window height, at least 1
     * @param kernelW  window width, at least 1
     * @param strideH  vertical step, at least 1
     * @param strideW  horizontal step, at least 1
     * @param padding  border rule
     * @throws IllegalArgumentException if a size is out of range or a valid window does not fit
     */
    public SlidingWindow {
        Objects.requireNonNull(padding, "padding");
        if (batch < 0 || height < 1 || width < 1 || channels < 1 || kernelH < 1 || kernelW < 1
                || strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("Sliding window needs batch >= 0 and every other size >= 1. "
                    + "Received: " + describe(batch, height, width, channels, kernelH, kernelW, strideH, strideW));
        }
        if (padding.outputSize(height, kernelH, strideH) < 1 || padding.outputSize(width, kernelW, strideW) < 1) {
            throw new IllegalArgumentException("A " + kernelH + "×" + kernelW + " window does not fit a "
                    + height + "×" + width + " input with valid padding. Received: "
                    + describe(batch, height, width, channels, kernelH, kernelW, strideH, strideW));
        }
    }

    /**
     * Output height: number of vertical window positions.
     *
     * @return the height
     */
    public int outHeight() {
        return padding.outputSize(height, kernelH, strideH);
    }

    /**
     * Output width: number of horizontal window positions.
     *
     * @return the width
     */
    public int outWidth() {
        return padding.outputSize(width, kernelW, strideW);
    }

    /**
     * Rows of zero padding above the input.
     *
     * @return the top padding
     */
    public int padTop() {
        return padding.padBefore(height, kernelH, strideH);
    }

    /**
     * Columns of zero padding left of the input.
     *
     * @return the left padding
     */
    public int padLeft() {
        return padding.padBefore(width, kernelW, strideW);
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

    private static String describe(int batch, int height, int width, int channels,
                                   int kernelH, int kernelW, int strideH, int strideW) {
        return "input=(" + batch + ", " + height + ", " + width + ", " + channels + "), kernel=("
                + kernelH + ", " + kernelW + "), strides=(" + strideH + ", " + strideW + ")";
    }
}
