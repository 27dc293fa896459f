package ai.lepton.kernels;

import java.util.Objects;

/**
 * 2-D max pooling over channels-last batches, forward and backward.
 *
 * <p>Forward: y[b, oy, ox, ch] = max over the window of x[b, oy·strideH − padTop + ky,
 * ox·strideW − padLeft + kx, ch], taking only cells inside the input (padding never wins), and
 * records which input element won (the first one on ties, scanning ky then kx). Backward sends
 * each output gradient to that element: dx[argmax] += dy, so overlapping windows accumulate.
 *
 * <pre>{@code
 * SlidingWindow w = new SlidingWindow(n, 28, 28, 32, 2, 2, 2, 2, Padding.VALID);
 * Pooling.maxPoolForward(w, x, 0, y, 0, argmax, 0);
 * Pooling.maxPoolBackward(w, dy, 0, argmax, 0, dx, 0);
 * }</pre>
 */
public final class Pooling {

    private Pooling() {
    }

    /**
     * Max-pools an NHWC batch and records the winning input index of every output.
     *
     * @param window the geometry; output shape (batch, outHeight, outWidth, channels)
     * @param x      the input, {@code window.inputSize()} elements from {@code xOff} (not modified)
     * @param xOff   index of the first input element
     * @param y      the output, {@code window.positions()·channels} elements from {@code yOff}
     *               (modified: overwritten)
     * @param yOff   index of the first output element
     * @param argmax for each output, the flat NHWC index of its input element relative to
     *               {@code xOff}, in the same layout as {@code y} from {@code argOff} (modified:
     *               overwritten)
     * @param argOff index of the first argmax element
     * @throws IllegalArgumentException if an array is too short for its part
     */
    public static void maxPoolForward(SlidingWindow window, double[] x, int xOff, double[] y, int yOff,
                                      int[] argmax, int argOff) {
        long outputs = window.positions() * window.channels();
        Im2Col.checkLength("input", x, xOff, window.inputSize());
        Im2Col.checkLength("output", y, yOff, outputs);
        checkLength(argmax, argOff, outputs);
        int c = window.channels();
        int outH = window.outHeight();
        int outW = window.outWidth();
        Parallel.forRange(window.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                for (int oy = 0; oy < outH; oy++) {
                    int y0 = Math.max(oy * window.strideH() - window.padTop(), 0);
                    int y1 = Math.min(oy * window.strideH() - window.padTop() + window.kernelH(), window.height());
                    for (int ox = 0; ox < outW; ox++) {
                        int x0 = Math.max(ox * window.strideW() - window.padLeft(), 0);
                        int x1 = Math.min(ox * window.strideW() - window.padLeft() + window.kernelW(), window.width());
                        int out = yOff + ((b * outH + oy) * outW + ox) * c;
                        int arg = argOff + ((b * outH + oy) * outW + ox) * c;
                        // The clipped window is never empty, so its first cell seeds the max. The
                        // running best and its index are locals updated by selects, not stores under
                        // a branch on the data, so the JIT can use conditional moves.
                        int seed = ((b * window.height() + y0) * window.width() + x0) * c;
                        for (int ch = 0; ch < c; ch++) {
                            double best = x[xOff + seed + ch];
                            int at = seed + ch;
                            for (int iy = y0; iy < y1; iy++) {
                                for (int ix = iy == y0 ? x0 + 1 : x0; ix < x1; ix++) {
                                    int idx = ((b * window.height() + iy) * window.width() + ix) * c + ch;
                                    double v = x[xOff + idx];
                                    boolean wins = v > best;
                                    best = wins ? v : best;
                                    at = wins ? idx : at;
                                }
                            }
                            y[out + ch] = best;
                            argmax[arg + ch] = at;
                        }
                    }
                }
            }
        });
    }

    /**
     * Scatters output gradients back to the winning inputs: dx[argmax[i]] += dy[i].
     *
     * @param window the geometry used in the forward pass
     * @param dy     gradient of the output, {@code window.positions()·channels} elements from
     *               {@code dyOff} (not modified)
     * @param dyOff  index of the first element of {@code dy}
     * @param argmax the indices recorded by {@link #maxPoolForward} (not modified)
     * @param argOff index of the first argmax element
     * @param dx     gradient of the input, {@code window.inputSize()} elements from {@code dxOff}
     *               (modified: added to)
     * @param dxOff  index of the first element of {@code dx}
     * @throws IllegalArgumentException if an array is too short or an index lies outside its image
     */
    public static void maxPoolBackward(SlidingWindow window, double[] dy, int dyOff, int[] argmax, int argOff,
                                       double[] dx, int dxOff) {
        long outputs = window.positions() * window.channels();
        Im2Col.checkLength("output gradient", dy, dyOff, outputs);
        checkLength(argmax, argOff, outputs);
        Im2Col.checkLength("input gradient", dx, dxOff, window.inputSize());
        int perImageOut = window.outHeight() * window.outWidth() * window.channels();
        int perImageIn = window.height() * window.width() * window.channels();
        // One chunk per image: each image's argmax points only into that image, so no two
        // chunks add to the same element and the order of additions is fixed.
        Parallel.forRange(window.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                int lo = b * perImageIn;
                for (int i = b * perImageOut; i < (b + 1) * perImageOut; i++) {
                    int target = argmax[argOff + i];
                    if (target < lo || target >= lo + perImageIn) {
                        throw new IllegalArgumentException("argmax[" + i + "]=" + target
                                + " is outside image " + b + " (indices " + lo + " to " + (lo + perImageIn - 1) + ")");
                    }
                    dx[dxOff + target] += dy[dyOff + i];
                }
            }
        });
    }

    private static void checkLength(int[] array, int off, long length) {
        Objects.requireNonNull(array, "argmax");
        if (off < 0 || off + length > array.length) {
            throw new IllegalArgumentException("The argmax array needs " + length + " elements from offset "
                    + off + " but has length " + array.length);
        }
    }
}
