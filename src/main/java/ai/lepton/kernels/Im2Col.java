package ai.lepton.kernels;

import java.util.Arrays;
import java.util.Objects;

/**
 * Channels-last im2col and col2im, which turn a 2-D convolution into one GEMM.
 *
 * <p>The column matrix has one row per output pixel, in (image, oy, ox) order, and
 * kernelH·kernelW·channels columns in (ky, kx, channel) order, with zeros where the window
 * overlaps padding (sh, sw the strides, dh, dw the dilations):
 * <pre>
 *   cols[(b, oy, ox)][(ky, kx, ch)] = x[b, oy·sh − padTop + ky·dh, ox·sw − padLeft + kx·dw, ch]
 * </pre>
 * So cols (positions × patch) · kernel reshaped (patch × filters) is the NHWC output, and a Keras
 * kernel {@code (kh, kw, in, out)} is that reshaped matrix as it lies in memory.
 */
public final class Im2Col {

    /** Output rows per parallel chunk; fixed so that the work split never depends on threads. */
    private static final int ROW_GRAIN = 256;

    /** Runs shorter than this are copied by a loop rather than {@code System.arraycopy}. */
    private static final int SHORT_RUN = 16;

    private Im2Col() {
    }

    /**
     * Fills the column matrix from an NHWC batch: cols = im2col(x).
     *
     * @param window  the geometry (input shape, kernel, strides, padding)
     * @param x       the input batch, {@code window.inputSize()} elements from {@code xOff} (not modified)
     * @param xOff    index of the first input element
     * @param cols    the column matrix, {@code positions × patchSize} row-major from
     *                {@code colsOff} (modified: overwritten)
     * @param colsOff index of the first column-matrix element
     * @throws IllegalArgumentException if an array is too short for its part
     */
    public static void im2col(SlidingWindow window, double[] x, int xOff, double[] cols, int colsOff) {
        checkLength("input", x, xOff, window.inputSize());
        checkLength("columns", cols, colsOff, window.positions() * window.patchSize());
        int positions = (int) window.positions();
        Parallel.forRange(positions, ROW_GRAIN, (from, to) -> {
            for (int row = from; row < to; row++) {
                copyPatch(window, row, x, xOff, cols, colsOff + row * window.patchSize(), true);
            }
        });
    }

    /**
     * Adds the column matrix back into an NHWC batch, the adjoint of {@link #im2col}:
     * dx += col2im(cols). Each column-matrix entry is added to the input element it was copied
     * from; entries that came from padding are dropped.
     *
     * @param window  the geometry (input shape, kernel, strides, padding)
     * @param cols    the column matrix, {@code positions × patchSize} (not modified)
     * @param colsOff index of the first column-matrix element
     * @param dx      the input-shaped batch, {@code window.inputSize()} elements from {@code dxOff}
     *                (modified: added to)
     * @param dxOff   index of the first element of {@code dx}
     * @throws IllegalArgumentException if an array is too short for its part
     */
    public static void col2im(SlidingWindow window, double[] cols, int colsOff, double[] dx, int dxOff) {
        checkLength("columns", cols, colsOff, window.positions() * window.patchSize());
        checkLength("input gradient", dx, dxOff, window.inputSize());
        int perImage = window.outHeight() * window.outWidth();
        // One chunk per image: windows overlap within an image, never across images.
        Parallel.forRange(window.batch(), 1, (from, to) -> {
            for (int row = from * perImage; row < to * perImage; row++) {
                copyPatch(window, row, dx, dxOff, cols, colsOff + row * window.patchSize(), false);
            }
        });
    }

    /**
     * Moves one window between image and column row: copies image → row (toColumns) or adds
     * row → image (otherwise). Padding cells are zero in the row and skipped in the image.
     */
    private static void copyPatch(SlidingWindow window, int row, double[] image, int imageOff,
                                  double[] cols, int rowStart, boolean toColumns) {
        int outW = window.outWidth();
        int outH = window.outHeight();
        int c = window.channels();
        int b = row / (outH * outW);
        int oy = row / outW % outH;
        int ox = row % outW;
        int y0 = oy * window.strideH() - window.padTop();
        int x0 = ox * window.strideW() - window.padLeft();
        int kw = window.kernelW();
        int dilationW = window.dilationW();
        int run = kw * c;
        boolean colsInside = dilationW == 1 && x0 >= 0 && x0 + kw <= window.width();
        int dst = rowStart;
        for (int ky = 0; ky < window.kernelH(); ky++, dst += run) {
            int iy = y0 + ky * window.dilationH();
            if (iy < 0 || iy >= window.height()) {
                if (toColumns) {
                    Arrays.fill(cols, dst, dst + run, 0.0);
                }
                continue;
            }
            int rowSrc = imageOff + ((b * window.height() + iy) * window.width() + x0) * c;
            if (colsInside) {
                // Channels-last: the window's kw cells on this image row are one contiguous run.
                copyRun(image, rowSrc, cols, dst, run, toColumns);
                continue;
            }
            for (int kx = 0; kx < kw; kx++) {
                int ix = x0 + kx * dilationW;
                if (ix >= 0 && ix < window.width()) {
                    copyRun(image, rowSrc + kx * dilationW * c, cols, dst + kx * c, c, toColumns);
                } else if (toColumns) {
                    Arrays.fill(cols, dst + kx * c, dst + (kx + 1) * c, 0.0);
                }
            }
        }
    }

    /**
     * Copies image → cols (toColumns) or adds cols → image, {@code length} elements. Short runs
     * (a one-channel image's three pixels) are copied by a loop: {@code System.arraycopy}'s call
     * costs more than such a copy.
     */
    private static void copyRun(double[] image, int src, double[] cols, int dst, int length, boolean toColumns) {
        if (toColumns && length >= SHORT_RUN) {
            System.arraycopy(image, src, cols, dst, length);
        } else if (toColumns) {
            for (int i = 0; i < length; i++) {
                cols[dst + i] = image[src + i];
            }
        } else {
            for (int i = 0; i < length; i++) {
                image[src + i] += cols[dst + i];
            }
        }
    }

    /** Checks that {@code array} has {@code length} elements from {@code off}. */
    static void checkLength(String name, double[] array, int off, long length) {
        Objects.requireNonNull(array, name);
        if (off < 0 || off + length > array.length) {
            throw new IllegalArgumentException("The " + name + " array needs " + length + " elements from offset "
                    + off + " but has length " + array.length);
        }
    }
}
