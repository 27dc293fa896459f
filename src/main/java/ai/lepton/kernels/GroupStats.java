package ai.lepton.kernels;

/**
 * The loops of group and layer normalization: statistics per example and group of channels,
 * the normalization {@code y = (x - mean) * inv * gamma[c] + beta[c]} with
 * {@code inv = 1 / sqrt(variance + epsilon)}, and its backward pass. A tensor is seen as
 * {@code (outer, pre, channels, post)}: each of the {@code outer} examples has {@code groups}
 * groups of {@code channels / groups} consecutive channels, and a group's statistics run over its
 * channels at every position of {@code pre} and {@code post}. Layer normalization over the last
 * axes is the case {@code (rows, 1, cols, 1)} with one group.
 *
 * <p>Examples are shared out in fixed chunks, and the parameter gradients' partial sums of the
 * chunks are added in chunk order, so the results do not depend on the thread count. The variance
 * is Keras's one-pass {@code mean(x^2) - mean(x)^2}, clamped at 0 against rounding.
 *
 * <pre>{@code
 * int rows = 2, cols = 3;
 * double[] x = {1, 2, 3, 10, 20, 30}, y = new double[6];
 * double[] mean = new double[rows], inv = new double[rows];
 * GroupStats.normalize(x, rows, 1, cols, 1, 1, 1e-3, null, null, y, mean, inv);   // layer norm of each row
 * }</pre>
 */
public final class GroupStats {

    /** Elements per chunk of examples: large enough to amortize a task, small enough to share out. */
    private static final int CHUNK_ELEMENTS = 1 << 14;

    private GroupStats() {
    }

    /**
     * Normalizes each example's groups with their own mean and variance.
     *
     * @param x        the data, {@code (outer, pre, channels, post)} row-major (not modified)
     * @param outer    the number of examples (or rows)
     * @param pre      the product of an example's dimensions before the channel axis
     * @param channels the channel count, a multiple of {@code groups}
     * @param post     the product of the dimensions after it
     * @param groups   the number of groups
     * @param epsilon  added to the variance
     * @param gamma    the scale per channel (not modified), or {@code null} for 1
     * @param beta     the offset per channel (not modified), or {@code null} for 0
     * @param y        the output, laid out as {@code x} (modified: every element written)
     * @param mean     receives the mean of each (example, group), {@code outer * groups} values (modified)
     * @param inv      receives {@code 1 / sqrt(variance + epsilon)} of each (example, group) (modified)
     */
    public static void normalize(double[] x, int outer, int pre, int channels, int post, int groups, double epsilon, double[] gamma,
                                 double[] beta, double[] y, double[] mean, double[] inv) {
        int perGroup = channels / groups;
        int run = perGroup * post;
        double count = (double) pre * run;
        forChunks(outer, examplesPerChunk(pre * channels * post), (first, last, chunk) -> {
            for (int o = first; o < last; o++) {
                for (int g = 0; g < groups; g++) {
                    double s = 0;
                    double q = 0;
                    for (int p = 0; p < pre; p++) {
                        int start = ((o * pre + p) * channels + g * perGroup) * post;
                        for (int i = start; i < start + run; i++) {
                            s += x[i];
                            q += x[i] * x[i];
                        }
                    }
                    double m = s / count;
                    double iv = 1.0 / Math.sqrt(Math.max(q / count - m * m, 0.0) + epsilon);
                    mean[o * groups + g] = m;
                    inv[o * groups + g] = iv;
                    for (int p = 0; p < pre; p++) {
                        int start = ((o * pre + p) * channels + g * perGroup) * post;
                        for (int c = 0; c < perGroup; c++) {
                            int ch = g * perGroup + c;
                            double a = gamma == null ? iv : iv * gamma[ch];
                            double b = beta == null ? -m * a : beta[ch] - m * a;
                            for (int i = start + c * post; i < start + (c + 1) * post; i++) {
                                y[i] = x[i] * a + b;
                            }
                        }
                    }
                }
            }
        });
    }

    /**
     * The backward pass of {@link #normalize}: with {@code xhat = (x - mean) * inv}, {@code m}
     * elements per group and {@code h = g * gamma[c]},
     * {@code dx = inv * (h - sum(h) / m - xhat * sum(h * xhat) / m)} over each group,
     * {@code dGamma[c] = sum(g * xhat)} and {@code dBeta[c] = sum(g)} over all examples.
     *
     * @param g        the output gradient, laid out as {@code x} (not modified)
     * @param x        the input, {@code (outer, pre, channels, post)} row-major (not modified)
     * @param outer    the number of examples (or rows)
     * @param pre      the product of an example's dimensions before the channel axis
     * @param channels the channel count, a multiple of {@code groups}
     * @param post     the product of the dimensions after it
     * @param groups   the number of groups
     * @param gamma    the scale per channel (not modified), or {@code null} for 1
     * @param mean     the means {@link #normalize} gave (not modified)
     * @param inv      the inverse deviations {@link #normalize} gave (not modified)
     * @param dx       the input gradient (modified: every element written), or {@code null} for none
     * @param dGamma   the scale's gradient (modified: {@code channels} values overwritten), or {@code null}
     * @param dBeta    the offset's gradient (modified: {@code channels} values overwritten), or {@code null}
     */
    public static void backward(double[] g, double[] x, int outer, int pre, int channels, int post, int groups, double[] gamma,
                                double[] mean, double[] inv, double[] dx, double[] dGamma, double[] dBeta) {
        int perGroup = channels / groups;
        int run = perGroup * post;
        double count = (double) pre * run;
        int examplesPerChunk = examplesPerChunk(pre * channels * post);
        int chunks = (outer + examplesPerChunk - 1) / examplesPerChunk;
        double[][] partGamma = new double[chunks][];
        double[][] partBeta = new double[chunks][];
        forChunks(outer, examplesPerChunk, (first, last, chunk) -> {
            double[] pg = new double[channels];
            double[] pb = new double[channels];
            for (int o = first; o < last; o++) {
                for (int grp = 0; grp < groups; grp++) {
                    double m = mean[o * groups + grp];
                    double iv = inv[o * groups + grp];
                    double s1 = 0;
                    double s2 = 0;
                    for (int p = 0; p < pre; p++) {
                        int start = ((o * pre + p) * channels + grp * perGroup) * post;
                        for (int c = 0; c < perGroup; c++) {
                            int ch = grp * perGroup + c;
                            double gm = gamma == null ? 1.0 : gamma[ch];
                            for (int i = start + c * post; i < start + (c + 1) * post; i++) {
                                double xhat = (x[i] - m) * iv;
                                double h = g[i] * gm;
                                s1 += h;
                                s2 += h * xhat;
                                pg[ch] += g[i] * xhat;
                                pb[ch] += g[i];
                            }
                        }
                    }
                    if (dx != null) {
                        double k1 = s1 / count;
                        double k2 = s2 / count;
                        for (int p = 0; p < pre; p++) {
                            int start = ((o * pre + p) * channels + grp * perGroup) * post;
                            for (int c = 0; c < perGroup; c++) {
                                double gm = gamma == null ? 1.0 : gamma[grp * perGroup + c];
                                for (int i = start + c * post; i < start + (c + 1) * post; i++) {
                                    double xhat = (x[i] - m) * iv;
                                    dx[i] = iv * (g[i] * gm - k1 - xhat * k2);
                                }
                            }
                        }
                    }
                }
            }
            partGamma[chunk] = pg;
            partBeta[chunk] = pb;
        });
        for (int c = 0; c < channels; c++) {
            double sg = 0;
            double sb = 0;
            for (int chunk = 0; chunk < chunks; chunk++) {
                sg += partGamma[chunk][c];
                sb += partBeta[chunk][c];
            }
            if (dGamma != null) {
                dGamma[c] = sg;
            }
            if (dBeta != null) {
                dBeta[c] = sb;
            }
        }
    }

    private static int examplesPerChunk(int perExample) {
        return Math.max(1, CHUNK_ELEMENTS / Math.max(1, perExample));
    }

    /** Runs {@code body} on the fixed chunks of whole examples, in parallel. */
    private static void forChunks(int outer, int examplesPerChunk, ExampleBlock body) {
        int chunks = (outer + examplesPerChunk - 1) / examplesPerChunk;
        Parallel.forRange(chunks, 1, (from, to) -> {
            for (int chunk = from; chunk < to; chunk++) {
                int first = chunk * examplesPerChunk;
                body.run(first, Math.min(first + examplesPerChunk, outer), chunk);
            }
        });
    }

    /** A loop over the examples {@code [first, last)} of chunk number {@code chunk}. */
    @FunctionalInterface
    private interface ExampleBlock {
        void run(int first, int last, int chunk);
    }
}
