package ai.lepton.kernels;

import java.util.Objects;

/**
 * 2-D max pooling over channels-last batches, forward and backward.
 *
 * <p>Forward: y[b, oy, ox, ch] = max over the window of x[b, oy·strideH − padTop + ky,
 * ox·strideW − padLeft + kx, ch], taking only cells inside the input (padding never wins).
 * {@link #maxPoolWinners} then finds which input element won (the first one on ties, scanning ky
 * then kx), and backward sends each output gradient to that element: dx[argmax] += dy, so
 * overlapping windows accumulate.
 *
 * <pre>{@code
 * SlidingWindow w = new SlidingWindow(n, 28, 28, 32, 2, 2, 2, 2, Padding.VALID);
 * Pooling.maxPoolForward(w, x, 0, y, 0);
 * Pooling.maxPoolWinners(w, x, 0, y, 0, argmax, 0);
 * Pooling.maxPoolBackward(w, dy, 0, argmax, 0, dx, 0);
 * }</pre>
 */
public final class Pooling {

    private Pooling() {
    }

    /**
     * Max-pools an NHWC batch: each output is the largest of its window's inside cells, or NaN if
     * one of them is NaN.
     *
     * <p>Channels are innermost, so each window cell is one contiguous run of {@code channels}
     * values, folded into the outputs with {@code Math.max}, which the JIT vectorizes; no winner
     * is recorded here (see {@link #maxPoolWinners}), so inference pays for none.
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
        int c = window.channels();
        forEachWindow(window, (out, y0, y1, x0, x1, cellOf) -> {
            int o = yOff + out;
            // The clipped window is never empty: its first cell seeds the max.
            System.arraycopy(x, xOff + cellOf.at(y0, x0), y, o, c);
            for (int iy = y0; iy < y1; iy++) {
                for (int ix = iy == y0 ? x0 + 1 : x0; ix < x1; ix++) {
                    int cell = xOff + cellOf.at(iy, ix);
                    for (int ch = 0; ch < c; ch++) {
                        y[o + ch] = Math.max(y[o + ch], x[cell + ch]);
                    }
                }
            }
        });
    }

    /**
     * Records, for every output of {@link #maxPoolForward}, which input element it came from: the
     * first cell of its window (scanning ky then kx) whose value equals the output, or is NaN when
     * the output is NaN. {@code y} must be what {@link #maxPoolForward} computed from this {@code x}
     * (so every output has a match); otherwise the unmatched argmax entries are left unchanged.
     *
     * @param window the geometry used in the forward pass
     * @param x      the input, {@code window.inputSize()} elements from {@code xOff} (not modified)
     * @param xOff   index of the first input element
     * @param y      the pooled output of {@code x} (not modified)
     * @param yOff   index of the first output element
     * @param argmax for each output, the flat NHWC index of its input element relative to
     *               {@code xOff}, in the same layout as {@code y} from {@code argOff} (modified:
     *               overwritten)
     * @param argOff index of the first argmax element
     * @throws IllegalArgumentException if an array is too short for its part
     */
    public static void maxPoolWinners(SlidingWindow window, double[] x, int xOff, double[] y, int yOff,
                                      int[] argmax, int argOff) {
        long outputs = window.positions() * window.channels();
        Im2Col.checkLength("input", x, xOff, window.inputSize());
        Im2Col.checkLength("output", y, yOff, outputs);
        checkLength(argmax, argOff, outputs);
        int c = window.channels();
        forEachWindow(window, (out, y0, y1, x0, x1, cellOf) -> {
            int o = yOff + out;
            int arg = argOff + out;
            // Cells in reverse order with a select, so the first match is the last one written:
            // contiguous runs and no branch on the data, which the JIT turns into conditional moves.
            for (int iy = y1 - 1; iy >= y0; iy--) {
                for (int ix = x1 - 1; ix >= x0; ix--) {
                    int cell = cellOf.at(iy, ix);
                    for (int ch = 0; ch < c; ch++) {
                        double v = x[xOff + cell + ch];
                        argmax[arg + ch] = v == y[o + ch] ? cell + ch : argmax[arg + ch];
                    }
                }
            }
            for (int ch = 0; ch < c; ch++) {
                if (Double.isNaN(y[o + ch])) {
                    // Rare, so kept out of the loop above (a second condition there stops the selects).
                    argmax[arg + ch] = firstNaN(x, xOff, y0, y1, x0, x1, cellOf, ch);
                }
            }
        });
    }

    /** The index of the first NaN of channel {@code ch} in the window, scanning ky then kx. */
    private static int firstNaN(double[] x, int xOff, int y0, int y1, int x0, int x1, CellIndex cellOf, int ch) {
        for (int iy = y0; iy < y1; iy++) {
            for (int ix = x0; ix < x1; ix++) {
                int idx = cellOf.at(iy, ix) + ch;
                if (Double.isNaN(x[xOff + idx])) {
                    return idx;
                }
            }
        }
        throw new IllegalArgumentException("A NaN output has no NaN in its window: y is not the pooled x");
    }

    /** The flat NHWC index (relative to the input's start) of cell (iy, ix) of the current image. */
    @FunctionalInterface
    private interface CellIndex {
        int at(int iy, int ix);
    }

    /** One output position: its offset in the output and its window clipped to the input. */
    @FunctionalInterface
    private interface WindowBody {
        void run(int out, int y0, int y1, int x0, int x1, CellIndex cellOf);
    }

    /** Runs {@code body} for every output position, one chunk of the batch per image. */
    private static void forEachWindow(SlidingWindow window, WindowBody body) {
        int c = window.channels();
        int outH = window.outHeight();
        int outW = window.outWidth();
        Parallel.forRange(window.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                int image = b;
                CellIndex cellOf = (iy, ix) -> ((image * window.height() + iy) * window.width() + ix) * c;
                for (int oy = 0; oy < outH; oy++) {
                    int top = oy * window.strideH() - window.padTop();
                    int y0 = Math.max(top, 0);
                    int y1 = Math.min(top + window.kernelH(), window.height());
                    for (int ox = 0; ox < outW; ox++) {
                        int left = ox * window.strideW() - window.padLeft();
                        int x0 = Math.max(left, 0);
                        int x1 = Math.min(left + window.kernelW(), window.width());
                        body.run(((b * outH + oy) * outW + ox) * c, y0, y1, x0, x1, cellOf);
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
