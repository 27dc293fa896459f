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
 * of one input pixel, a loop the JIT compiles to vector instructions (NHWC keeps a pixel's
 * channels side by side). Backward: {@code dx[cell, c] += Σ_m g[c·M + m] kernel[tap, c, m]},
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

    /** The pixel (index in its image) under tap (p, q) of the window at (oy, ox), or -1 in the padding. */
    private static int cell(SlidingWindow w, int oy, int ox, int p, int q) {
        int iy = oy * w.strideH() - w.padTop() + p * w.dilationH();
        int ix = ox * w.strideW() - w.padLeft() + q * w.dilationW();
        return iy < 0 || iy >= w.height() || ix < 0 || ix >= w.width() ? -1 : iy * w.width() + ix;
    }

    private static void forwardImage(SlidingWindow w, double[] x, int b, double[] kernel, int m, double[] bias, double[] y,
                                     int yImage) {
        int c = w.channels();
        int outC = c * m;
        int xImage = b * w.height() * w.width() * c;
        int o = yImage;
        for (int oy = 0; oy < w.outHeight(); oy++) {
            for (int ox = 0; ox < w.outWidth(); ox++, o += outC) {
                if (bias == null) {
                    Arrays.fill(y, o, o + outC, 0.0);
                } else {
                    System.arraycopy(bias, 0, y, o, outC);
                }
                for (int p = 0; p < w.kernelH(); p++) {
                    for (int q = 0; q < w.kernelW(); q++) {
                        int pixel = cell(w, oy, ox, p, q);
                        if (pixel < 0) {
                            continue;
                        }
                        int xs = xImage + pixel * c;
                        int ks = (p * w.kernelW() + q) * outC;
                        if (m == 1) {
                            for (int ch = 0; ch < c; ch++) {
                                y[o + ch] += x[xs + ch] * kernel[ks + ch];
                            }
                        } else {
                            for (int ch = 0; ch < c; ch++) {
                                double v = x[xs + ch];
                                int base = ch * m;
                                for (int j = 0; j < m; j++) {
                                    y[o + base + j] += v * kernel[ks + base + j];
                                }
                            }
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
        Arrays.fill(dx, xImage, xImage + w.height() * w.width() * c, 0.0);
        int o = gImage;
        for (int oy = 0; oy < w.outHeight(); oy++) {
            for (int ox = 0; ox < w.outWidth(); ox++, o += outC) {
                for (int p = 0; p < w.kernelH(); p++) {
                    for (int q = 0; q < w.kernelW(); q++) {
                        int pixel = cell(w, oy, ox, p, q);
                        if (pixel < 0) {
                            continue;
                        }
                        int xs = xImage + pixel * c;
                        int ks = (p * w.kernelW() + q) * outC;
                        if (m == 1) {
                            for (int ch = 0; ch < c; ch++) {
                                dx[xs + ch] += g[o + ch] * kernel[ks + ch];
                            }
                        } else {
                            for (int ch = 0; ch < c; ch++) {
                                double sum = 0;
                                int base = ch * m;
                                for (int j = 0; j < m; j++) {
                                    sum += g[o + base + j] * kernel[ks + base + j];
                                }
                                dx[xs + ch] += sum;
                            }
                        }
                    }
                }
            }
        }
    }

    private static void kernelGradient(SlidingWindow w, int b, double[] x, int m, double[] g, int gImage, double[] dk,
                                       int dkOff) {
        int c = w.channels();
        int outC = c * m;
        int xImage = b * w.height() * w.width() * c;
        int o = gImage;
        for (int oy = 0; oy < w.outHeight(); oy++) {
            for (int ox = 0; ox < w.outWidth(); ox++, o += outC) {
                for (int p = 0; p < w.kernelH(); p++) {
                    for (int q = 0; q < w.kernelW(); q++) {
                        int pixel = cell(w, oy, ox, p, q);
                        if (pixel < 0) {
                            continue;
                        }
                        int xs = xImage + pixel * c;
                        int ks = dkOff + (p * w.kernelW() + q) * outC;
                        if (m == 1) {
                            for (int ch = 0; ch < c; ch++) {
                                dk[ks + ch] += x[xs + ch] * g[o + ch];
                            }
                        } else {
                            for (int ch = 0; ch < c; ch++) {
                                double v = x[xs + ch];
                                int base = ch * m;
                                for (int j = 0; j < m; j++) {
                                    dk[ks + base + j] += v * g[o + base + j];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
