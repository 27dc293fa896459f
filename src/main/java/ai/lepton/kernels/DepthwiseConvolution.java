package ai.lepton.kernels;

import java.util.Arrays;

/**
 * Depthwise 2-D convolution of a channels-last batch: every input channel is convolved with its
 * own {@code multiplier} filters, and nothing mixes channels:
 * <pre>
 *   y[b, i, j, c·M + m] = bias[c·M + m] + Σ_(p, q) x[b, i·sh − top + p·dh, j·sw − left + q·dw, c]
 *                                                   · kernel[p, q, c, m]
 * </pre>
 * with zeros outside the input. Kernel {@code (kh, kw, c, M)} (Keras's layout), bias
 * {@code (c·M)} or none, y {@code (batch, outH, outW, c·M)}.
 *
 * <p>An im2col product would have depth {@code kh·kw} and one filter per channel, far too thin for
 * a GEMM; instead each output pixel adds its taps, each tap a run over the contiguous channels
 * of one input pixel (NHWC keeps a pixel's channels side by side); with one filter per channel
 * these are {@link DepthwiseLoops}, which keep a pixel's sum in registers across its taps (the
 * input gradient runs the same loop, each input pixel summing the output pixels it reached).
 * Backward: {@code dx[cell, c] += Σ_m g[c·M + m] kernel[tap, c, m]},
 * {@code dKernel[tap, c, m] = Σ x[cell, c] g[c·M + m]}, {@code dBias = Σ g}. Images go in fixed
 * chunks of {@link Convolution#IMAGES_PER_CHUNK}, each chunk's kernel and bias gradients summed
 * in chunk order, so results never depend on the thread count.
 *
 * <pre>{@code
 * SlidingWindow w = new SlidingWindow(2, 5, 5, 3, 3, 3, 1, 1, Padding.SAME);
 * double[] y = new double[(int) w.positions() * 3];
 * DepthwiseConvolution.forward(w, new double[75 * 2], new double[27], 1, null, y);
 * }</pre>
 */
public final class DepthwiseConvolution {

    private static final DepthwiseLoops LOOPS = DepthwiseLoops.SELECTED;

    private DepthwiseConvolution() {
    }

    /**
     * Computes y for the whole batch.
     *
     * @param w          the geometry (channels = input channels)
     * @param x          the input, {@code w.inputSize()} elements (not modified)
     * @param kernel     {@code (kh, kw, c, multiplier)} (not modified)
     * @param multiplier filters per input channel, at least 1
     * @param bias       {@code c·multiplier} values (not modified), or {@code null}
     * @param y          the output, {@code w.positions()·c·multiplier} elements (overwritten)
     * @throws IllegalArgumentException if an array is too short or the multiplier is below 1
     */
    public static void forward(SlidingWindow w, double[] x, double[] kernel, int multiplier, double[] bias, double[] y) {
        int outC = check(w, x, kernel, multiplier, y.length);
        if (bias != null) {
            Im2Col.checkLength("bias", bias, 0, outC);
        }
        int outPerImage = w.outHeight() * w.outWidth() * outC;
        Parallel.forRange(w.batch(), Convolution.IMAGES_PER_CHUNK, (from, to) -> {
            for (int b = from; b < to; b++) {
                forwardImage(w, x, b, kernel, multiplier, bias, y, b * outPerImage);
            }
        });
    }

    /**
     * Fills the gradients asked for (a {@code null} array is not computed).
     *
     * @param w          the forward pass's geometry
     * @param x          the forward pass's input (not modified)
     * @param kernel     the forward pass's kernel (not modified)
     * @param multiplier filters per input channel
     * @param g          the output gradient, laid out as y (not modified)
     * @param dx         the input gradient (overwritten), or {@code null}
     * @param dKernel    the kernel gradient (overwritten), or {@code null}
     * @param dBias      the bias gradient, {@code c·multiplier} (overwritten), or {@code null}
     * @throws IllegalArgumentException if an array is too short
     */
    public static void backward(SlidingWindow w, double[] x, double[] kernel, int multiplier, double[] g, double[] dx,
                                double[] dKernel, double[] dBias) {
        int outC = check(w, x, kernel, multiplier, g.length);
        int kernelSize = kernel.length;
        int chunks = (w.batch() + Convolution.IMAGES_PER_CHUNK - 1) / Convolution.IMAGES_PER_CHUNK;
        double[] kernelParts = dKernel == null ? null : new double[chunks * kernelSize];
        double[] biasParts = dBias == null ? null : new double[chunks * outC];
        int outPerImage = w.outHeight() * w.outWidth() * outC;
        Parallel.forRange(w.batch(), Convolution.IMAGES_PER_CHUNK, (from, to) -> {
            int chunk = from / Convolution.IMAGES_PER_CHUNK;
            for (int b = from; b < to; b++) {
                if (dx != null) {
                    inputGradient(w, b, kernel, multiplier, g, b * outPerImage, dx);
                }
                if (kernelParts != null) {
                    kernelGradient(w, b, x, multiplier, g, b * outPerImage, kernelParts, chunk * kernelSize);
                }
            }
            if (biasParts != null) {
                BiasRelu.columnSums(g, from * outPerImage, (to - from) * w.outHeight() * w.outWidth(), outC, biasParts,
                        chunk * outC);
            }
        });
        if (dKernel != null) {
            Convolution.sumParts(kernelParts, chunks, kernelSize, dKernel);
        }
        if (dBias != null) {
            Convolution.sumParts(biasParts, chunks, outC, dBias);
        }
    }

    private static int check(SlidingWindow w, double[] x, double[] kernel, int multiplier, long outLength) {
        if (multiplier < 1) {
            throw new IllegalArgumentException("A depthwise convolution needs multiplier >= 1. Received: " + multiplier);
        }
        int outC = w.channels() * multiplier;
        Im2Col.checkLength("input", x, 0, w.inputSize());
        Im2Col.checkLength("kernel", kernel, 0, (long) w.patchSize() * multiplier);
        if (outLength < w.positions() * outC) {
            throw new IllegalArgumentException("A depthwise convolution's output needs " + w.positions() * outC
                    + " elements. Received: " + outLength);
        }
        return outC;
    }

    /**
     * Lists the taps of the window at (oy, ox) that fall inside the image: {@code xs[t]} the
     * position of the input pixel's first channel, {@code ks[t]} that of the tap's first filter
     * (tap (p, q) at {@code kernelStart + (p·kw + q)·outC}), in the kernel's row-major order.
     *
     * @return how many taps were listed
     */
    private static int taps(SlidingWindow w, int oy, int ox, int xImage, int kernelStart, int outC, int[] xs, int[] ks) {
        int n = 0;
        for (int p = 0; p < w.kernelH(); p++) {
            int iy = oy * w.strideH() - w.padTop() + p * w.dilationH();
            if (iy < 0 || iy >= w.height()) {
                continue;
            }
            for (int q = 0; q < w.kernelW(); q++) {
                int ix = ox * w.strideW() - w.padLeft() + q * w.dilationW();
                if (ix >= 0 && ix < w.width()) {
                    xs[n] = xImage + (iy * w.width() + ix) * w.channels();
                    ks[n] = kernelStart + (p * w.kernelW() + q) * outC;
                    n++;
                }
            }
        }
        return n;
    }

    private static void forwardImage(SlidingWindow w, double[] x, int b, double[] kernel, int m, double[] bias, double[] y,
                                     int yImage) {
        int c = w.channels();
        int outC = c * m;
        int xImage = b * w.height() * w.width() * c;
        int[] xs = new int[w.kernelH() * w.kernelW()];
        int[] ks = new int[xs.length];
        int o = yImage;
        for (int oy = 0; oy < w.outHeight(); oy++) {
            for (int ox = 0; ox < w.outWidth(); ox++, o += outC) {
                int taps = taps(w, oy, ox, xImage, 0, outC, xs, ks);
                if (m == 1) {
                    LOOPS.pixel(x, xs, kernel, ks, taps, bias, y, o, 0, c);
                    continue;
                }
                if (bias == null) {
                    Arrays.fill(y, o, o + outC, 0.0);
                } else {
                    System.arraycopy(bias, 0, y, o, outC);
                }
                for (int t = 0; t < taps; t++) {
                    for (int ch = 0; ch < c; ch++) {
                        double v = x[xs[t] + ch];
                        int base = ks[t] + ch * m;
                        for (int j = 0; j < m; j++) {
                            y[o + ch * m + j] += v * kernel[base + j];
                        }
                    }
                }
            }
        }
    }

    private static void inputGradient(SlidingWindow w, int b, double[] kernel, int m, double[] g, int gImage, double[] dx) {
        int c = w.channels();
        int outC = c * m;
        int xImage = b * w.height() * w.width() * c;
        int[] gs = new int[w.kernelH() * w.kernelW()];
        int[] ks = new int[gs.length];
        if (m == 1) {
            for (int iy = 0, at = xImage; iy < w.height(); iy++) {
                for (int ix = 0; ix < w.width(); ix++, at += c) {
                    LOOPS.pixel(g, gs, kernel, ks, outputTaps(w, iy, ix, gImage, outC, gs, ks), null, dx, at, 0, c);
                }
            }
            return;
        }
        Arrays.fill(dx, xImage, xImage + w.height() * w.width() * c, 0.0);
        int o = gImage;
        for (int oy = 0; oy < w.outHeight(); oy++) {
            for (int ox = 0; ox < w.outWidth(); ox++, o += outC) {
                int taps = taps(w, oy, ox, xImage, 0, outC, gs, ks);
                for (int t = 0; t < taps; t++) {
                    for (int ch = 0; ch < c; ch++) {
                        double sum = 0;
                        int base = ch * m;
                        for (int j = 0; j < m; j++) {
                            sum += g[o + base + j] * kernel[ks[t] + base + j];
                        }
                        dx[gs[t] + ch] += sum;
                    }
                }
            }
        }
    }

    /**
     * Lists the output pixels whose windows cover input pixel (iy, ix) with one filter per
     * channel: {@code gs[t]} the position of the output pixel's first channel, {@code ks[t]} that
     * of the tap's filter, in the order of the output pixels (the taps backwards), so that an
     * input gradient summed over this list adds its products in the same order as one spread
     * output pixel by output pixel.
     *
     * @return how many were listed
     */
    private static int outputTaps(SlidingWindow w, int iy, int ix, int gImage, int outC, int[] gs, int[] ks) {
        int n = 0;
        for (int p = w.kernelH() - 1; p >= 0; p--) {
            int oy = outputIndex(iy + w.padTop() - p * w.dilationH(), w.strideH(), w.outHeight());
            if (oy < 0) {
                continue;
            }
            for (int q = w.kernelW() - 1; q >= 0; q--) {
                int ox = outputIndex(ix + w.padLeft() - q * w.dilationW(), w.strideW(), w.outWidth());
                if (ox >= 0) {
                    gs[n] = gImage + (oy * w.outWidth() + ox) * outC;
                    ks[n] = (p * w.kernelW() + q) * outC;
                    n++;
                }
            }
        }
        return n;
    }

    /** The output index {@code offset / stride} when that is a whole number below {@code size}, else -1. */
    private static int outputIndex(int offset, int stride, int size) {
        return offset < 0 || offset % stride != 0 || offset / stride >= size ? -1 : offset / stride;
    }

    private static void kernelGradient(SlidingWindow w, int b, double[] x, int m, double[] g, int gImage, double[] dk,
                                       int dkOff) {
        if (m == 1) {
            rowKernelGradients(w, b, x, g, gImage, dk, dkOff);
            return;
        }
        int c = w.channels();
        int outC = c * m;
        int xImage = b * w.height() * w.width() * c;
        int[] xs = new int[w.kernelH() * w.kernelW()];
        int[] ks = new int[xs.length];
        int o = gImage;
        for (int oy = 0; oy < w.outHeight(); oy++) {
            for (int ox = 0; ox < w.outWidth(); ox++, o += outC) {
                int taps = taps(w, oy, ox, xImage, dkOff, outC, xs, ks);
                for (int t = 0; t < taps; t++) {
                    for (int ch = 0; ch < c; ch++) {
                        double v = x[xs[t] + ch];
                        int base = ks[t] + ch * m;
                        for (int j = 0; j < m; j++) {
                            dk[base + j] += v * g[o + ch * m + j];
                        }
                    }
                }
            }
        }
    }

    /**
     * The kernel gradient with one filter per channel, a row of output pixels at a time: for each
     * tap, the outputs of the row whose input pixel lies inside the image. Each element of dk
     * receives its products in the same order as output pixel by output pixel.
     */
    private static void rowKernelGradients(SlidingWindow w, int b, double[] x, double[] g, int gImage, double[] dk,
                                           int dkOff) {
        int c = w.channels();
        int xImage = b * w.height() * w.width() * c;
        for (int oy = 0; oy < w.outHeight(); oy++) {
            for (int p = 0; p < w.kernelH(); p++) {
                int iy = oy * w.strideH() - w.padTop() + p * w.dilationH();
                if (iy < 0 || iy >= w.height()) {
                    continue;
                }
                for (int q = 0; q < w.kernelW(); q++) {
                    int shift = q * w.dilationW() - w.padLeft();
                    // The outputs ox with 0 <= ox·sw + shift < width.
                    int first = Math.max(0, -Math.floorDiv(shift, w.strideW()));
                    int end = Math.min(w.outWidth(), Math.floorDiv(w.width() - 1 - shift, w.strideW()) + 1);
                    if (first >= end) {
                        continue;
                    }
                    int xs = xImage + (iy * w.width() + first * w.strideW() + shift) * c;
                    int o = gImage + (oy * w.outWidth() + first) * c;
                    LOOPS.rowKernelGradient(x, xs, w.strideW() * c, g, o, c, end - first, dk,
                            dkOff + (p * w.kernelW() + q) * c, 0, c);
                }
            }
        }
    }
}
