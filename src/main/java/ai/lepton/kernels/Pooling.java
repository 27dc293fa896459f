package ai.lepton.kernels;

import java.util.Arrays;
import java.util.Objects;

/**
 * 2-D max pooling over channels-last batches, forward and backward.
 *
 * <p>Forward: y[b, oy, ox, ch] = max over the window of x[b, oy·strideH − padTop + ky,
 * ox·strideW − padLeft + kx, ch], taking only cells inside the input (padding never wins); a NaN
 * in the window makes the output NaN. For training, forward also records which input element won:
 * the first cell of the window (scanning ky then kx) equal to the output, or its first NaN when the
 * output is NaN. Backward sends each output gradient to that element: dx[argmax] += dy, so
 * overlapping windows accumulate.
 *
 * <pre>{@code
 * SlidingWindow w = new SlidingWindow(n, 28, 28, 32, 2, 2, 2, 2, Padding.VALID);
 * Pooling.maxPoolForward(w, x, 0, y, 0);              // inference: no winners
 * Pooling.maxPoolForward(w, x, 0, y, 0, argmax, 0);   // training
 * Pooling.maxPoolBackward(w, dy, 0, argmax, 0, dx, 0);
 * }</pre>
 */
public final class Pooling {

    /** The 2×2 pooling loop, on the Vector API when the GEMM is. */
    private static final Simd SIMD = Simd.SELECTED;

    private Pooling() {
    }

    /**
     * Max-pools an NHWC batch: each output is the largest of its window's inside cells, or NaN if
     * one of them is NaN. No winner is recorded, so inference pays for none.
     *
     * @param window the geometry; output shape (batch, outHeight, outWidth, channels)
     * @param x      the input, {@code window.inputSize()} elements from {@code xOff} (not modified)
     * @param xOff   index of the first input element
     * @param y      the output, {@code window.positions()·channels} elements from {@code yOff}
     *               (modified: overwritten)
     * @param yOff   index of the first output element
     * @throws IllegalArgumentException if an array is too short for its part
     */
    public static void maxPoolForward(SlidingWindow window, double[] x, int xOff, double[] y, int yOff) {
        long outputs = window.positions() * window.channels();
        Im2Col.checkLength("input", x, xOff, window.inputSize());
        Im2Col.checkLength("output", y, yOff, outputs);
        Parallel.forRange(window.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                poolImage(window, b, x, xOff, y, yOff, null, 0);
            }
        });
    }

    /**
     * Max-pools an NHWC batch as {@link #maxPoolForward(SlidingWindow, double[], int, double[], int)}
     * does and, in the same pass, records which input element each output came from: the first
     * cell of its window (scanning ky then kx) whose value equals the output, or the first NaN
     * when the output is NaN.
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
        Parallel.forRange(window.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                poolImage(window, b, x, xOff, y, yOff, argmax, argOff);
            }
        });
    }

    /**
     * Pools image {@code b}, recording the winners when {@code argmax} is not null. Here and below,
     * {@code image} and the cell indices are relative to {@code xOff}, as argmax entries are.
     */
    private static void poolImage(SlidingWindow w, int b, double[] x, int xOff, double[] y, int yOff,
                                  int[] argmax, int argOff) {
        int c = w.channels();
        int width = w.width();
        int outH = w.outHeight();
        int outW = w.outWidth();
        int image = b * w.height() * width * c;
        double[] lanes = new double[Simd.LANES_MAX];
        for (int oy = 0; oy < outH; oy++) {
            int top = oy * w.strideH() - w.padTop();
            int y0 = Math.max(top, 0);
            int y1 = Math.min(top + w.kernelH(), w.height());
            for (int ox = 0; ox < outW; ox++) {
                int left = ox * w.strideW() - w.padLeft();
                int x0 = Math.max(left, 0);
                int x1 = Math.min(left + w.kernelW(), width);
                int out = ((b * outH + oy) * outW + ox) * c;
                if (y1 - y0 == 2 && x1 - x0 == 2) {
                    poolFourCells(x, xOff, image, width, c, y0, x0, y, yOff + out, argmax, argOff + out, lanes);
                } else {
                    poolWindow(x, xOff, image, width, c, y0, y1, x0, x1, y, yOff + out, argmax, argOff + out);
                }
            }
        }
    }

    /**
     * Pools one clipped window (rows y0 to y1, columns x0 to x1, exclusive ends) into
     * {@code y[o..o+c)} and, unless {@code argmax} is null, {@code argmax[a..a+c)}.
     *
     * <p>Each cell is a contiguous run of {@code c} channels, folded in with {@code Math.max}. A
     * later cell takes the winner only if strictly greater, so ties keep the first cell; a NaN
     * never compares greater, so NaN outputs are pointed at their first NaN at the end (rare, so
     * kept out of the loop).
     */
    private static void poolWindow(double[] x, int xOff, int image, int width, int c, int y0, int y1, int x0, int x1,
                                   double[] y, int o, int[] argmax, int a) {
        int first = image + (y0 * width + x0) * c;
        // The clipped window is never empty: its first cell seeds the max and the winner.
        System.arraycopy(x, xOff + first, y, o, c);
        if (argmax != null) {
            for (int ch = 0; ch < c; ch++) {
                argmax[a + ch] = first + ch;
            }
        }
        for (int iy = y0; iy < y1; iy++) {
            for (int ix = iy == y0 ? x0 + 1 : x0; ix < x1; ix++) {
                int cell = image + (iy * width + ix) * c;
                for (int ch = 0; ch < c; ch++) {
                    double v = x[xOff + cell + ch];
                    if (argmax != null) {
                        argmax[a + ch] = v > y[o + ch] ? cell + ch : argmax[a + ch];
                    }
                    y[o + ch] = Math.max(y[o + ch], v);
                }
            }
        }
        if (argmax != null) {
            for (int ch = 0; ch < c; ch++) {
                if (Double.isNaN(y[o + ch])) {
                    argmax[a + ch] = firstNaN(x, xOff, image, width, c, y0, y1, x0, x1, ch);
                }
            }
        }
    }

    /**
     * {@link #poolWindow} for a window of exactly 2×2 inside cells, the common 2×2 pool: the same
     * fold, each channel's four values, running max and winner kept in registers, on the Vector
     * API when it is present ({@link Simd#maxOfFour}).
     */
    private static void poolFourCells(double[] x, int xOff, int image, int width, int c, int y0, int x0,
                                      double[] y, int o, int[] argmax, int a, double[] lanes) {
        int first = image + (y0 * width + x0) * c;
        int third = first + width * c;
        boolean nan = SIMD.maxOfFour(x, xOff + first, xOff + first + c, xOff + third, xOff + third + c, c,
                y, o, argmax, a, xOff, lanes);
        if (nan && argmax != null) {
            for (int ch = 0; ch < c; ch++) {
                if (Double.isNaN(y[o + ch])) {
                    argmax[a + ch] = firstNaN(x, xOff, image, width, c, y0, y0 + 2, x0, x0 + 2, ch);
                }
            }
        }
    }

    /** The index of the first NaN of channel {@code ch} in the window, scanning ky then kx. */
    private static int firstNaN(double[] x, int xOff, int image, int width, int c, int y0, int y1, int x0, int x1,
                                int ch) {
        for (int iy = y0; iy < y1; iy++) {
            for (int ix = x0; ix < x1; ix++) {
                int idx = image + (iy * width + ix) * c + ch;
                if (Double.isNaN(x[xOff + idx])) {
                    return idx;
                }
            }
        }
        throw new AssertionError("a NaN maximum has a NaN in its window");
    }

    /**
     * Scatters output gradients back to the winning inputs: dx = 0, then dx[argmax[i]] += dy[i]
     * (overlapping windows add up), one image per parallel chunk.
     *
     * @param window the geometry used in the forward pass
     * @param dy     gradient of the output, {@code window.positions()·channels} elements from
     *               {@code dyOff} (not modified)
     * @param dyOff  index of the first element of {@code dy}
     * @param argmax the indices recorded by
     *               {@link #maxPoolForward(SlidingWindow, double[], int, double[], int, int[], int)}
     *               (not modified)
     * @param argOff index of the first argmax element
     * @param dx     gradient of the input, {@code window.inputSize()} elements from {@code dxOff}
     *               (modified: overwritten)
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
            Arrays.fill(dx, dxOff + from * perImageIn, dxOff + to * perImageIn, 0.0);
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
