package ai.lepton.kernels;

import java.util.Arrays;

/**
 * 2-D max and average pooling over channels-last batches, forward and backward.
 *
 * <p>Forward: y[b, oy, ox, ch] = max over the window of x[b, oy·strideH − padTop + ky,
 * ox·strideW − padLeft + kx, ch], taking only cells inside the input (padding never wins); a NaN
 * in the window makes the output NaN. Backward sends each output gradient to the element that
 * won, found again from x and y: the first cell of the window (scanning ky then kx) equal to the
 * output, or its first NaN when the output is NaN. Overlapping windows accumulate. Finding the
 * winners in backward, rather than recording them in forward, lets training and inference share
 * one forward pass, and the common 2×2 pool at stride 2 writes each input gradient exactly once,
 * with no zeroing pass. Both directions run on the Vector API when it is present
 * ({@link MaxPoolLoops}).
 *
 * <p>Average pooling: y[b, oy, ox, ch] = the mean of the window's cells inside the input, so that
 * with {@code same} padding a border window is divided by the number of its cells in the image
 * (TensorFlow's rule, which Keras follows), not by the pool size. Backward spreads each output
 * gradient evenly over those cells.
 *
 * <pre>{@code
 * SlidingWindow w = new SlidingWindow(n, 28, 28, 32, 2, 2, 2, 2, Padding.VALID);
 * Pooling.maxPoolForward(w, x, 0, y, 0);
 * Pooling.maxPoolBackward(w, x, 0, y, 0, dy, 0, dx, 0);
 * }</pre>
 */
public final class Pooling {

    /** The max pooling loops, on the Vector API when the GEMM is. */
    private static final MaxPoolLoops LOOPS = MaxPoolLoops.SELECTED;

    private Pooling() {
    }

    /**
     * Max-pools an NHWC batch: each output is the largest of its window's inside cells, or NaN if
     * one of them is NaN. One image per parallel chunk.
     *
     * @param window the geometry; output shape (batch, outHeight, outWidth, channels)
     * @param x      the input, {@code window.inputSize()} elements from {@code xOff} (not modified)
     * @param xOff   index of the first input element
     * @param y      the output, {@code window.positions()·channels} elements from {@code yOff}
     *               (modified: overwritten)
     * @param yOff   index of the first output element
     * @throws IllegalArgumentException if an array is too short for its part, or the window is dilated
     */
    public static void maxPoolForward(SlidingWindow window, double[] x, int xOff, double[] y, int yOff) {
        checkUndilated(window);
        Im2Col.checkLength("input", x, xOff, window.inputSize());
        Im2Col.checkLength("output", y, yOff, window.positions() * window.channels());
        Parallel.forRange(window.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                poolImage(window, b, x, xOff, y, yOff);
            }
        });
    }

    /**
     * Sends each output gradient to its window's winner: dx = 0, then dx[winner] += dy, where the
     * winner is the first inside cell (scanning ky then kx) equal to the output, or the first NaN
     * when the output is NaN. One image per parallel chunk, so the order of additions is fixed.
     *
     * @param window the geometry used in the forward pass
     * @param x      the forward pass's input, {@code window.inputSize()} elements from {@code xOff}
     *               (not modified)
     * @param xOff   index of the first input element
     * @param y      the forward pass's output, {@code window.positions()·channels} elements from
     *               {@code yOff} (not modified)
     * @param yOff   index of the first output element
     * @param dy     gradient of the output, laid out as y, from {@code dyOff} (not modified)
     * @param dyOff  index of the first element of {@code dy}
     * @param dx     gradient of the input, laid out as x, from {@code dxOff} (modified: overwritten)
     * @param dxOff  index of the first element of {@code dx}
     * @throws IllegalArgumentException if an array is too short for its part, or the window is dilated
     */
    public static void maxPoolBackward(SlidingWindow window, double[] x, int xOff, double[] y, int yOff,
                                       double[] dy, int dyOff, double[] dx, int dxOff) {
        checkUndilated(window);
        long outputs = window.positions() * window.channels();
        Im2Col.checkLength("input", x, xOff, window.inputSize());
        Im2Col.checkLength("output", y, yOff, outputs);
        Im2Col.checkLength("output gradient", dy, dyOff, outputs);
        Im2Col.checkLength("input gradient", dx, dxOff, window.inputSize());
        Parallel.forRange(window.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                if (tiles(window)) {
                    unpoolTiles(window, b, x, xOff, y, yOff, dy, dyOff, dx, dxOff);
                } else {
                    unpoolWindows(window, b, x, xOff, y, yOff, dy, dyOff, dx, dxOff);
                }
            }
        });
    }

    /**
     * Average-pools an NHWC batch: each output is the mean of its window's cells inside the input.
     * One image per parallel chunk.
     *
     * @param window the geometry; output shape (batch, outHeight, outWidth, channels)
     * @param x      the input, {@code window.inputSize()} elements from {@code xOff} (not modified)
     * @param xOff   index of the first input element
     * @param y      the output, {@code window.positions()·channels} elements from {@code yOff}
     *               (modified: overwritten)
     * @param yOff   index of the first output element
     * @throws IllegalArgumentException if an array is too short for its part, or the window is dilated
     */
    public static void averagePoolForward(SlidingWindow window, double[] x, int xOff, double[] y, int yOff) {
        checkUndilated(window);
        Im2Col.checkLength("input", x, xOff, window.inputSize());
        Im2Col.checkLength("output", y, yOff, window.positions() * window.channels());
        int c = window.channels();
        int width = window.width();
        Parallel.forRange(window.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                int image = xOff + b * window.height() * width * c;
                forEachWindow(window, b, (y0, y1, x0, x1, out) -> {
                    int o = yOff + out;
                    Arrays.fill(y, o, o + c, 0.0);
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) {
                            int cell = image + (iy * width + ix) * c;
                            for (int ch = 0; ch < c; ch++) {
                                y[o + ch] += x[cell + ch];
                            }
                        }
                    }
                    double scale = 1.0 / ((y1 - y0) * (x1 - x0));
                    for (int ch = 0; ch < c; ch++) {
                        y[o + ch] *= scale;
                    }
                });
            }
        });
    }

    /**
     * Spreads each output gradient evenly over its window's cells inside the input: dx = 0, then
     * dx[cell] += dy / count. One image per parallel chunk, so the order of additions is fixed.
     *
     * @param window the geometry used in the forward pass
     * @param dy     gradient of the output, {@code window.positions()·channels} elements from {@code dyOff} (not modified)
     * @param dyOff  index of the first element of {@code dy}
     * @param dx     gradient of the input, {@code window.inputSize()} elements from {@code dxOff} (modified: overwritten)
     * @param dxOff  index of the first element of {@code dx}
     * @throws IllegalArgumentException if an array is too short for its part, or the window is dilated
     */
    public static void averagePoolBackward(SlidingWindow window, double[] dy, int dyOff, double[] dx, int dxOff) {
        checkUndilated(window);
        Im2Col.checkLength("output gradient", dy, dyOff, window.positions() * window.channels());
        Im2Col.checkLength("input gradient", dx, dxOff, window.inputSize());
        int c = window.channels();
        int width = window.width();
        Parallel.forRange(window.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                int image = dxOff + b * window.height() * width * c;
                Arrays.fill(dx, image, image + window.height() * width * c, 0.0);
                forEachWindow(window, b, (y0, y1, x0, x1, out) -> {
                    int o = dyOff + out;
                    double scale = 1.0 / ((y1 - y0) * (x1 - x0));
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) {
                            int cell = image + (iy * width + ix) * c;
                            for (int ch = 0; ch < c; ch++) {
                                dx[cell + ch] += dy[o + ch] * scale;
                            }
                        }
                    }
                });
            }
        });
    }

    private static void checkUndilated(SlidingWindow window) {
        if (!window.undilated()) {
            throw new IllegalArgumentException("Pooling windows have no dilation. Received: dilation=("
                    + window.dilationH() + ", " + window.dilationW() + ")");
        }
    }

    /** Whether the windows are 2×2 at stride 2 and all inside the input: disjoint, each of four cells. */
    private static boolean tiles(SlidingWindow w) {
        return w.kernelH() == 2 && w.kernelW() == 2 && w.strideH() == 2 && w.strideW() == 2
                && w.padTop() == 0 && w.padLeft() == 0
                && 2 * w.outHeight() <= w.height() && 2 * w.outWidth() <= w.width();
    }

    /** Pools image {@code b}; here and below, {@code image} is its first element's index relative to the offsets. */
    private static void poolImage(SlidingWindow w, int b, double[] x, int xOff, double[] y, int yOff) {
        int c = w.channels();
        int width = w.width();
        int image = b * w.height() * width * c;
        int[] cells = new int[w.kernelH() * w.kernelW()];
        forEachWindow(w, b, (y0, y1, x0, x1, out) -> {
            int first = xOff + image + (y0 * width + x0) * c;
            if (y1 - y0 == 2 && x1 - x0 == 2) {
                int third = first + width * c;
                LOOPS.maxOfFour(x, first, first + c, third, third + c, c, y, yOff + out);
            } else {
                int n = cells(xOff + image, width, c, y0, y1, x0, x1, cells);
                LOOPS.maxOfCells(x, cells, n, y, yOff + out, 0, c);
            }
        });
    }

    /** One window of an image, clipped to the input: rows y0 to y1 and columns x0 to x1 (exclusive ends). */
    @FunctionalInterface
    private interface WindowBody {
        void run(int y0, int y1, int x0, int x1, int out);
    }

    /**
     * Runs {@code body} for every window of image {@code b}, in output order, with its clipped
     * bounds and its output's index (relative to the output offset).
     */
    private static void forEachWindow(SlidingWindow w, int b, WindowBody body) {
        // The geometry's derived sizes, once: each call works them out again.
        int outH = w.outHeight();
        int outW = w.outWidth();
        int padTop = w.padTop();
        int padLeft = w.padLeft();
        for (int oy = 0; oy < outH; oy++) {
            int top = oy * w.strideH() - padTop;
            int y0 = Math.max(top, 0);
            int y1 = Math.min(top + w.kernelH(), w.height());
            for (int ox = 0; ox < outW; ox++) {
                int left = ox * w.strideW() - padLeft;
                body.run(y0, y1, Math.max(left, 0), Math.min(left + w.kernelW(), w.width()),
                        ((b * outH + oy) * outW + ox) * w.channels());
            }
        }
    }

    /**
     * Lists the cells of one clipped window (rows y0 to y1, columns x0 to x1, exclusive ends) in
     * scanning order, each as the position of its first channel.
     *
     * @return how many cells (never 0: a clipped window is never empty)
     */
    private static int cells(int image, int width, int c, int y0, int y1, int x0, int x1, int[] cells) {
        int n = 0;
        for (int iy = y0; iy < y1; iy++) {
            for (int ix = x0; ix < x1; ix++) {
                cells[n++] = image + (iy * width + ix) * c;
            }
        }
        return n;
    }

    /**
     * Backward for disjoint 2×2 windows: every covered cell's gradient is written once (dy or 0);
     * the rows and columns no window covers are zeroed.
     */
    private static void unpoolTiles(SlidingWindow w, int b, double[] x, int xOff, double[] y, int yOff,
                                    double[] dy, int dyOff, double[] dx, int dxOff) {
        int c = w.channels();
        int width = w.width();
        int image = b * w.height() * width * c;
        int rowLength = width * c;
        int outH = w.outHeight();
        int outW = w.outWidth();
        int covered = 2 * outW * c;
        for (int iy = 0; iy < w.height(); iy++) {
            int row = dxOff + image + iy * rowLength;
            Arrays.fill(dx, iy < 2 * outH ? row + covered : row, row + rowLength, 0.0);
        }
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                int out = ((b * outH + oy) * outW + ox) * c;
                int first = xOff + image + (2 * oy * width + 2 * ox) * c;
                int third = first + rowLength;
                LOOPS.maxOfFourBackward(x, first, first + c, third, third + c, c, y, yOff + out, dy, dyOff + out,
                        dx, dxOff - xOff);
            }
        }
    }

    /** Backward for any windows: dx = 0, then each output's gradient added at its winner. */
    private static void unpoolWindows(SlidingWindow w, int b, double[] x, int xOff, double[] y, int yOff,
                                      double[] dy, int dyOff, double[] dx, int dxOff) {
        int c = w.channels();
        int width = w.width();
        int image = b * w.height() * width * c;
        Arrays.fill(dx, dxOff + image, dxOff + image + w.height() * width * c, 0.0);
        int[] cells = new int[w.kernelH() * w.kernelW()];
        forEachWindow(w, b, (y0, y1, x0, x1, out) -> {
            int n = cells(xOff + image, width, c, y0, y1, x0, x1, cells);
            LOOPS.maxOfCellsBackward(x, cells, n, y, yOff + out, dy, dyOff + out, dx, dxOff - xOff, 0, c);
        });
    }
}
