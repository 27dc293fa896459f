package ai.lepton.autograd;

import ai.lepton.kernels.ChannelStats;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch normalization along one channel axis, as Keras's {@code ops.batch_normalization}:
 * {@code y = (x - mean) / sqrt(variance + epsilon) * gamma + beta} per channel, computed as
 * {@code y = x * a + b} with {@code a = gamma / sqrt(variance + epsilon)} and
 * {@code b = beta - mean * a}. {@link #training} takes the mean and (biased) variance of the batch
 * itself, over every axis but the channel axis; {@link #inference} takes given (moving) statistics.
 * {@code gamma} and {@code beta} may be absent (Keras's {@code scale=False}, {@code center=False}).
 *
 * <p>Backward, with {@code n} elements per channel, {@code xhat = (x - mean) * inv},
 * {@code inv = 1 / sqrt(variance + epsilon)}: {@code dbeta = sum(g)},
 * {@code dgamma = sum(g * xhat)}; through batch statistics
 * {@code dx = gamma * inv * (g - sum(g) / n - xhat * sum(g * xhat) / n)}, through given ones
 * {@code dx = gamma * inv * g}. The loops are {@link ChannelStats}'s: two passes forward (sums,
 * then the affine map) and two backward.
 *
 * <p>With a mask (one value per row of a channels-last tensor, as a masked sequence carries), the
 * batch statistics are Keras's masked moments: over the rows whose mask is not 0, divided by their
 * count plus 1e-7; every row is normalized with them.
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(1, 32, 8, 8, 16);
 * Tensor gamma = Tensor.ones(16), beta = Tensor.zeros(16);
 * double[] mean = new double[16], variance = new double[16];
 * Tensor y = BatchNorm.training(x, gamma, beta, -1, 1e-3, mean, variance);   // the batch's statistics
 * Tensor z = BatchNorm.inference(x, gamma, beta, Tensor.of(mean, 16), Tensor.of(variance, 16), -1, 1e-3);
 * }</pre>
 */
public final class BatchNorm extends Op {
    private final double[] x;
    private final int outer;
    private final int channels;
    private final int inner;
    private final double[] mean;
    private final double[] inv;
    private final double[] gamma;
    private final boolean batchStatistics;
    private final boolean hasGamma;
    private final boolean hasBeta;
    private final double[] mask;

    private BatchNorm(double[] x, int[] view, double[] mean, double[] inv, double[] gamma, boolean batchStatistics, boolean hasBeta,
                      double[] mask) {
        this.x = x;
        this.outer = view[0];
        this.channels = view[1];
        this.inner = view[2];
        this.mean = mean;
        this.inv = inv;
        this.gamma = gamma;
        this.batchStatistics = batchStatistics;
        this.hasGamma = gamma != null;
        this.hasBeta = hasBeta;
        this.mask = mask;
    }

    /**
     * Normalizes with the batch's own statistics, which are also handed back (to update moving ones).
     *
     * @param x the input
     * @param gamma the scale per channel, or {@code null} for none
     * @param beta the offset per channel, or {@code null} for none
     * @param axis the channel axis; negative counts from the end
     * @param epsilon added to the variance
     * @param batchMean receives the batch mean per channel (modified)
     * @param batchVariance receives the batch's biased variance per channel (modified)
     * @return the normalized tensor, same shape as {@code x}
     * @throws ShapeException if gamma, beta or the statistics' arrays do not have one value per channel
     */
    public static Tensor training(Tensor x, Tensor gamma, Tensor beta, int axis, double epsilon, double[] batchMean,
                                  double[] batchVariance) {
        return training(x, gamma, beta, null, axis, epsilon, batchMean, batchVariance);
    }

    /**
     * Normalizes with the statistics of the batch's rows that a mask keeps, which are also handed
     * back (to update moving ones).
     *
     * @param x the input, channels last
     * @param gamma the scale per channel, or {@code null} for none
     * @param beta the offset per channel, or {@code null} for none
     * @param mask one value per row (every axis but the last), 0 for the rows the statistics leave
     *        out; or {@code null} to take every row
     * @param axis the channel axis; negative counts from the end; with a mask, the last axis
     * @param epsilon added to the variance
     * @param batchMean receives the batch mean per channel (modified)
     * @param batchVariance receives the batch's biased variance per channel (modified)
     * @return the normalized tensor, same shape as {@code x}
     * @throws ShapeException if a per-channel value or the mask does not fit
     */
    public static Tensor training(Tensor x, Tensor gamma, Tensor beta, Tensor mask, int axis, double epsilon, double[] batchMean,
                                  double[] batchVariance) {
        int[] view = view(x, axis);
        checkChannels(x, view[1], gamma, beta);
        if (batchMean.length != view[1] || batchVariance.length != view[1]) {
            throw ShapeException.of("batchNormalization", shape(x), "expected arrays of " + view[1] + " for the batch statistics, received "
                    + batchMean.length + " and " + batchVariance.length);
        }
        if (mask == null) {
            ChannelStats.moments(data(x), view[0], view[1], view[2], batchMean, batchVariance);
            return normalize(x, gamma, beta, view, batchMean.clone(), batchVariance, epsilon, true, null);
        }
        if (view[2] != 1 || mask.size() != view[0]) {
            throw ShapeException.of("batchNormalization", shape(x), shape(mask),
                    "a mask needs one value per row of a tensor normalized along its last axis");
        }
        double[] m = data(mask).clone();
        ChannelStats.maskedMoments(data(x), view[0], view[1], m, batchMean, batchVariance);
        return normalize(x, gamma, beta, view, batchMean.clone(), batchVariance, epsilon, true, m);
    }

    /**
     * Normalizes with given statistics (Keras's inference mode, with the moving mean and variance).
     *
     * @param x the input
     * @param gamma the scale per channel, or {@code null} for none
     * @param beta the offset per channel, or {@code null} for none
     * @param mean the mean per channel (no gradient flows to it)
     * @param variance the variance per channel (no gradient flows to it)
     * @param axis the channel axis; negative counts from the end
     * @param epsilon added to the variance
     * @return the normalized tensor, same shape as {@code x}
     * @throws ShapeException if a per-channel tensor does not have one value per channel
     */
    public static Tensor inference(Tensor x, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, int axis, double epsilon) {
        int[] view = view(x, axis);
        checkChannels(x, view[1], gamma, beta, mean, variance);
        return normalize(x, gamma, beta, view, data(mean).clone(), data(variance), epsilon, false, null);
    }

    private static Tensor normalize(Tensor x, Tensor gamma, Tensor beta, int[] view, double[] mean, double[] variance, double epsilon,
                                    boolean batchStatistics, double[] mask) {
        int c = view[1];
        double[] inv = new double[c];
        double[] a = new double[c];
        double[] b = new double[c];
        double[] g = gamma == null ? null : data(gamma).clone();
        double[] be = beta == null ? null : data(beta);
        for (int k = 0; k < c; k++) {
            inv[k] = 1.0 / Math.sqrt(variance[k] + epsilon);
            a[k] = g == null ? inv[k] : inv[k] * g[k];
            b[k] = be == null ? -mean[k] * a[k] : be[k] - mean[k] * a[k];
        }
        double[] y = newArray(x.size());
        ChannelStats.scaleShift(data(x), view[0], c, view[2], a, b, y);
        List<Tensor> inputs = new ArrayList<>(3);
        inputs.add(x);
        if (gamma != null) {
            inputs.add(gamma);
        }
        if (beta != null) {
            inputs.add(beta);
        }
        return new BatchNorm(data(x), view, mean, inv, g, batchStatistics, beta != null, mask).output(y, shape(x), inputs.toArray(Tensor[]::new));
    }

    @Override
    protected double[][] backward(double[] gradOut) {
        int betaIndex = hasGamma ? 2 : 1;
        boolean gammaGrad = hasGamma && needsGrad(1);
        boolean betaGrad = hasBeta && needsGrad(betaIndex);
        double[] sumG = new double[channels];
        double[] sumGCentred = new double[channels];
        // A frozen layer in inference mode (fine-tuning around it) needs neither sum.
        if (batchStatistics || gammaGrad || betaGrad) {
            ChannelStats.gradientSums(gradOut, x, outer, channels, inner, mean, sumG, sumGCentred);
        }
        double[][] grads = new double[1 + (hasGamma ? 1 : 0) + (hasBeta ? 1 : 0)][];
        if (needsGrad(0)) {
            grads[0] = inputGradient(gradOut, sumG, sumGCentred);
        }
        if (gammaGrad) {
            double[] dGamma = new double[channels];
            for (int c = 0; c < channels; c++) {
                dGamma[c] = sumGCentred[c] * inv[c];
            }
            grads[1] = dGamma;
        }
        if (betaGrad) {
            grads[betaIndex] = sumG;
        }
        return grads;
    }

    private double[] inputGradient(double[] g, double[] sumG, double[] sumGCentred) {
        double n = (double) outer * inner;
        double[] a = new double[channels];
        double[] b = new double[channels];
        double[] k = new double[channels];
        for (int c = 0; c < channels; c++) {
            a[c] = hasGamma ? gamma[c] * inv[c] : inv[c];
            if (batchStatistics && mask == null) {
                b[c] = -a[c] * inv[c] * inv[c] * sumGCentred[c] / n;
                k[c] = -a[c] * sumG[c] / n - b[c] * mean[c];
            }
        }
        double[] dx = newArray(x.length);
        if (mask != null) {
            maskedInputGradient(g, sumG, sumGCentred, a, b, k, dx);
        } else if (batchStatistics) {
            ChannelStats.inputGradient(g, x, outer, channels, inner, a, b, k, dx);
        } else {
            ChannelStats.scaleShift(g, outer, channels, inner, a, k, dx);
        }
        return dx;
    }

    /**
     * Through masked statistics: with {@code w = kept rows + 1e-7} and
     * {@code s = sum(x - mean)} over the kept rows, {@code dvar = -inv^3 * gamma * sum(g * (x - mean)) / 2},
     * {@code dmean = -inv * gamma * sum(g) - 2 * dvar * s / w}, and on the kept rows
     * {@code dx = gamma * inv * g + dmean / w + 2 * dvar * (x - mean) / w}; other rows keep only the
     * first term.
     */
    private void maskedInputGradient(double[] g, double[] sumG, double[] sumGCentred, double[] a, double[] b, double[] k, double[] dx) {
        double w = ChannelStats.MASK_EPSILON;
        for (double m : mask) {
            w += m != 0 ? 1 : 0;
        }
        double[] centred = new double[channels];
        ChannelStats.maskedCentredSums(x, outer, channels, mask, mean, centred);
        for (int c = 0; c < channels; c++) {
            double gm = hasGamma ? gamma[c] : 1.0;
            double dVariance = -0.5 * inv[c] * inv[c] * inv[c] * gm * sumGCentred[c];
            double dMean = -inv[c] * gm * sumG[c] - 2.0 * dVariance * centred[c] / w;
            b[c] = 2.0 * dVariance / w;
            k[c] = dMean / w - b[c] * mean[c];
        }
        ChannelStats.maskedInputGradient(g, x, outer, channels, mask, a, b, k, dx);
    }

    /** The input as {@code (outer, channels, inner)} around the channel axis. */
    private static int[] view(Tensor x, int axis) {
        int[] s = shape(x);
        int a = Shapes.axis("batchNormalization", s, axis);
        return new int[] {Shapes.product(s, 0, a), s[a], Shapes.product(s, a + 1, s.length)};
    }

    private static void checkChannels(Tensor x, int channels, Tensor... perChannel) {
        for (Tensor t : perChannel) {
            if (t != null && t.size() != channels) {
                throw ShapeException.of("batchNormalization", shape(x), shape(t), "expected " + channels + " values, one per channel");
            }
        }
    }
}
