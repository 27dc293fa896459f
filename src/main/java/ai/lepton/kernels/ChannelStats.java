package ai.lepton.kernels;

import java.util.Arrays;

/**
 * The loops of batch normalization: per-channel statistics over everything but the channel axis,
 * the per-channel affine map {@code y = x * a[c] + b[c]}, and the sums and map of its backward
 * pass. A tensor is seen as {@code (outer, channels, inner)} around its channel axis; channels-last
 * data ({@code inner = 1}, the hot path after a convolution) runs row by row on the Vector API
 * when present ({@link ChannelStatsLoops}), other layouts channel by channel in plain loops.
 *
 * <p>The sums are cut into fixed chunks of rows whose partial sums are added in chunk order, so the
 * results do not depend on the thread count. The variance is Keras's one-pass
 * {@code mean(x^2) - mean(x)^2} (clamped at 0 against rounding), which needs one read of the data.
 *
 * <pre>{@code
 * int rows = 6, channels = 2;
 * double[] x = {1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60}, y = new double[12];
 * double[] mean = new double[channels], variance = new double[channels];
 * ChannelStats.moments(x, rows, channels, 1, mean, variance);   // mean {3.5, 35}
 * double[] a = {2, 0.5}, b = {0, 1};
 * ChannelStats.scaleShift(x, rows, channels, 1, a, b, y);        // y = x * a[c] + b[c]
 * }</pre>
 */
public final class ChannelStats {

    /** Added to the count of masked rows before dividing, as Keras's {@code backend.epsilon()}. */
    public static final double MASK_EPSILON = 1e-7;

    /** Elements per chunk of rows: large enough to amortize a task, small enough to share out. */
    private static final int CHUNK_ELEMENTS = 1 << 14;

    private static final ChannelStatsLoops LOOPS = ChannelStatsLoops.SELECTED;

    private ChannelStats() {
    }

    /**
     * The mean and (biased) variance of each channel: {@code mean = sum(x) / n},
     * {@code variance = max(sum(x^2) / n - mean^2, 0)} with {@code n = outer * inner}.
     *
     * @param x        the data, {@code (outer, channels, inner)} row-major (not modified)
     * @param outer    the product of the dimensions before the channel axis
     * @param channels the channel count
     * @param inner    the product of the dimensions after it
     * @param mean     the means (modified: {@code channels} elements overwritten)
     * @param variance the variances (modified: {@code channels} elements overwritten)
     */
    public static void moments(double[] x, int outer, int channels, int inner, double[] mean, double[] variance) {
        double[] s = new double[channels];
        double[] q = new double[channels];
        channelSums(x, x, outer, channels, inner, null, s, q);
        double n = (double) outer * inner;
        for (int c = 0; c < channels; c++) {
            mean[c] = s[c] / n;
            variance[c] = Math.max(q[c] / n - mean[c] * mean[c], 0.0);
        }
    }

    /**
     * The sums of the backward pass: {@code sumG[c] = sum(g)} and
     * {@code sumGCentred[c] = sum(g * (x - mean[c]))} over each channel.
     *
     * @param g           the output gradient, laid out as {@code x} (not modified)
     * @param x           the input, {@code (outer, channels, inner)} row-major (not modified)
     * @param outer       the product of the dimensions before the channel axis
     * @param channels    the channel count
     * @param inner       the product of the dimensions after it
     * @param mean        the mean subtracted from {@code x} per channel (not modified)
     * @param sumG        the gradient sums (modified: {@code channels} elements overwritten)
     * @param sumGCentred the sums of gradient times centred input (modified: overwritten)
     */
    public static void gradientSums(double[] g, double[] x, int outer, int channels, int inner, double[] mean, double[] sumG,
                                    double[] sumGCentred) {
        Arrays.fill(sumG, 0, channels, 0.0);
        Arrays.fill(sumGCentred, 0, channels, 0.0);
        channelSums(g, x, outer, channels, inner, mean, sumG, sumGCentred);
    }

    /**
     * {@code y = x * a[c] + b[c]} for every element of channel c.
     *
     * @param x        the data, {@code (outer, channels, inner)} row-major (not modified)
     * @param outer    the product of the dimensions before the channel axis
     * @param channels the channel count
     * @param inner    the product of the dimensions after it
     * @param a        the scale per channel (not modified)
     * @param b        the shift per channel (not modified)
     * @param y        the output, laid out as {@code x} (modified: every element written); may be {@code x}
     */
    public static void scaleShift(double[] x, int outer, int channels, int inner, double[] a, double[] b, double[] y) {
        if (inner == 1) {
            forRowChunks(outer, channels, (off, rows) -> LOOPS.scaleShift(x, off, rows, channels, a, b, y));
            return;
        }
        Parallel.forRange(outer, 1, (from, to) -> {
            for (int o = from; o < to; o++) {
                for (int c = 0; c < channels; c++) {
                    int start = (o * channels + c) * inner;
                    for (int i = start; i < start + inner; i++) {
                        y[i] = x[i] * a[c] + b[c];
                    }
                }
            }
        });
    }

    /**
     * The input gradient of batch normalization, {@code dx = (a[c] * g + b[c] * x) + k[c]}.
     *
     * @param g        the output gradient, laid out as {@code x} (not modified)
     * @param x        the input, {@code (outer, channels, inner)} row-major (not modified)
     * @param outer    the product of the dimensions before the channel axis
     * @param channels the channel count
     * @param inner    the product of the dimensions after it
     * @param a        the factor of the gradient per channel (not modified)
     * @param b        the factor of the input per channel (not modified)
     * @param k        the constant per channel (not modified)
     * @param dx       the input gradient (modified: every element written)
     */
    public static void inputGradient(double[] g, double[] x, int outer, int channels, int inner, double[] a, double[] b,
                                     double[] k, double[] dx) {
        if (inner == 1) {
            forRowChunks(outer, channels, (off, rows) -> LOOPS.inputGradient(g, x, off, rows, channels, a, b, k, dx));
            return;
        }
        Parallel.forRange(outer, 1, (from, to) -> {
            for (int o = from; o < to; o++) {
                for (int c = 0; c < channels; c++) {
                    int start = (o * channels + c) * inner;
                    for (int i = start; i < start + inner; i++) {
                        dx[i] = a[c] * g[i] + b[c] * x[i] + k[c];
                    }
                }
            }
        });
    }

    /**
     * The mean and variance of each channel over the rows whose weight is not 0, as Keras's
     * masked moments: with {@code n = (number of such rows) + 1e-7},
     * {@code mean = sum(x) / n} and {@code variance = sum((x - mean)^2) / n} over those rows.
     *
     * @param x        the data, {@code rows} rows of {@code channels} (not modified)
     * @param rows     the row count
     * @param channels the channel count
     * @param mask     one value per row; rows where it is 0 are left out (not modified)
     * @param mean     the means (modified: {@code channels} elements overwritten)
     * @param variance the variances (modified: {@code channels} elements overwritten)
     */
    public static void maskedMoments(double[] x, int rows, int channels, double[] mask, double[] mean, double[] variance) {
        double n = MASK_EPSILON;
        Arrays.fill(mean, 0, channels, 0.0);
        Arrays.fill(variance, 0, channels, 0.0);
        for (int r = 0; r < rows; r++) {
            if (mask[r] != 0) {
                n += 1;
                for (int c = 0; c < channels; c++) {
                    mean[c] += x[r * channels + c];
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            mean[c] /= n;
        }
        for (int r = 0; r < rows; r++) {
            if (mask[r] != 0) {
                for (int c = 0; c < channels; c++) {
                    double d = x[r * channels + c] - mean[c];
                    variance[c] += d * d;
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            variance[c] /= n;
        }
    }

    /**
     * The input gradient of batch normalization with masked statistics,
     * {@code dx = a[c] * g + m * (b[c] * x + k[c])} with {@code m} 1 on the rows that entered the
     * statistics and 0 elsewhere, and {@code sum(x - mean[c])} over those rows, which the
     * gradient needs because Keras's {@code 1e-7} keeps it from vanishing.
     *
     * @param g        the output gradient, {@code rows} rows of {@code channels} (not modified)
     * @param x        the input (not modified)
     * @param rows     the row count
     * @param channels the channel count
     * @param mask     one value per row, 0 for the rows left out (not modified)
     * @param a        the factor of the gradient per channel (not modified)
     * @param b        the factor of the input per channel, on the rows kept (not modified)
     * @param k        the constant per channel, on the rows kept (not modified)
     * @param dx       the input gradient (modified: every element written)
     */
    public static void maskedInputGradient(double[] g, double[] x, int rows, int channels, double[] mask, double[] a, double[] b,
                                           double[] k, double[] dx) {
        for (int r = 0; r < rows; r++) {
            boolean kept = mask[r] != 0;
            for (int i = r * channels, c = 0; c < channels; c++, i++) {
                dx[i] = kept ? a[c] * g[i] + (b[c] * x[i] + k[c]) : a[c] * g[i];
            }
        }
    }

    /**
     * {@code sum(x - mean[c])} over the rows whose mask is not 0.
     *
     * @param x        the input, {@code rows} rows of {@code channels} (not modified)
     * @param rows     the row count
     * @param channels the channel count
     * @param mask     one value per row (not modified)
     * @param mean     the masked means (not modified)
     * @param sums     the sums (modified: {@code channels} elements overwritten)
     */
    public static void maskedCentredSums(double[] x, int rows, int channels, double[] mask, double[] mean, double[] sums) {
        Arrays.fill(sums, 0, channels, 0.0);
        for (int r = 0; r < rows; r++) {
            if (mask[r] != 0) {
                for (int c = 0; c < channels; c++) {
                    sums[c] += x[r * channels + c] - mean[c];
                }
            }
        }
    }

    /**
     * Adds per-channel sums into {@code s} and {@code q}: with {@code mean == null},
     * {@code s += v} and {@code q += v * v} over {@code v} of {@code a}; otherwise
     * {@code s += a} and {@code q += a * (b - mean)}.
     */
    private static void channelSums(double[] a, double[] b, int outer, int channels, int inner, double[] mean, double[] s,
                                    double[] q) {
        if (inner == 1) {
            int rowsPerChunk = rowsPerChunk(channels);
            int chunks = (outer + rowsPerChunk - 1) / rowsPerChunk;
            double[][] partS = new double[chunks][channels];
            double[][] partQ = new double[chunks][channels];
            Parallel.forRange(chunks, 1, (from, to) -> {
                for (int chunk = from; chunk < to; chunk++) {
                    int first = chunk * rowsPerChunk;
                    int rows = Math.min(rowsPerChunk, outer - first);
                    if (mean == null) {
                        LOOPS.sums(a, first * channels, rows, channels, partS[chunk], partQ[chunk]);
                    } else {
                        LOOPS.gradientSums(a, b, first * channels, rows, channels, mean, partS[chunk], partQ[chunk]);
                    }
                }
            });
            for (int chunk = 0; chunk < chunks; chunk++) {
                for (int c = 0; c < channels; c++) {
                    s[c] += partS[chunk][c];
                    q[c] += partQ[chunk][c];
                }
            }
            return;
        }
        Parallel.forRange(channels, 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                double sc = 0;
                double qc = 0;
                double m = mean == null ? 0.0 : mean[c];
                for (int o = 0; o < outer; o++) {
                    int start = (o * channels + c) * inner;
                    for (int i = start; i < start + inner; i++) {
                        double v = a[i];
                        sc += v;
                        qc += mean == null ? v * v : v * (b[i] - m);
                    }
                }
                s[c] += sc;
                q[c] += qc;
            }
        });
    }

    /** Runs {@code body} on the fixed chunks of whole rows of a rows×channels matrix, in parallel. */
    private static void forRowChunks(int rows, int channels, RowBlock body) {
        int rowsPerChunk = rowsPerChunk(channels);
        int chunks = (rows + rowsPerChunk - 1) / rowsPerChunk;
        Parallel.forRange(chunks, 1, (from, to) -> {
            for (int chunk = from; chunk < to; chunk++) {
                int first = chunk * rowsPerChunk;
                body.run(first * channels, Math.min(rowsPerChunk, rows - first));
            }
        });
    }

    private static int rowsPerChunk(int channels) {
        return Math.max(1, CHUNK_ELEMENTS / Math.max(1, channels));
    }

    /** A loop over a block of whole rows. */
    @FunctionalInterface
    private interface RowBlock {
        void run(int off, int rows);
    }
}
