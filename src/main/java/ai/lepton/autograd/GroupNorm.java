package ai.lepton.autograd;

import ai.lepton.kernels.GroupStats;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Normalization with statistics per example and group of channels, as Keras's
 * {@code GroupNormalization}: {@code y = (x - mean) / sqrt(variance + epsilon) * gamma + beta},
 * the mean and (biased) variance taken over each group's channels at every position of the
 * example. {@link #overLastAxes} is layer normalization ({@code LayerNormalization}): statistics
 * over the last axes, for each position of the leading ones, with gamma and beta per element of
 * the normalized axes. {@code gamma} and {@code beta} may be absent.
 *
 * <p>Backward, with {@code m} elements per group, {@code xhat = (x - mean) * inv},
 * {@code inv = 1 / sqrt(variance + epsilon)} and {@code h = g * gamma}:
 * {@code dx = inv * (h - sum(h) / m - xhat * sum(h * xhat) / m)} over each group,
 * {@code dgamma = sum(g * xhat)}, {@code dbeta = sum(g)}. The loops are {@link GroupStats}'s.
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(1, 32, 16, 16, 64);
 * Tensor y = GroupNorm.apply(x, Tensor.ones(64), Tensor.zeros(64), -1, 8, 1e-3);   // 8 groups of 8 channels
 * Tensor h = Tensor.randn(2, 32, 10, 128);
 * Tensor z = GroupNorm.overLastAxes(h, Tensor.ones(128), null, 1, 1e-3);            // layer norm over 128
 * }</pre>
 */
public final class GroupNorm extends Op {
    private final double[] x;
    private final int[] view;
    private final int groups;
    private final double[] gamma;
    private final boolean hasBeta;
    private final double[] mean;
    private final double[] inv;

    private GroupNorm(double[] x, int[] view, int groups, double[] gamma, boolean hasBeta, double[] mean, double[] inv) {
        this.x = x;
        this.view = view;
        this.groups = groups;
        this.gamma = gamma;
        this.hasBeta = hasBeta;
        this.mean = mean;
        this.inv = inv;
    }

    /**
     * Group normalization: each example's channels along {@code axis} in {@code groups} groups.
     *
     * @param x the input, {@code (batch, ...)}
     * @param gamma the scale per channel, or {@code null} for none
     * @param beta the offset per channel, or {@code null} for none
     * @param axis the channel axis, not the batch axis 0; negative counts from the end
     * @param groups the number of groups, dividing the channel count
     * @param epsilon added to the variance
     * @return the normalized tensor, same shape as {@code x}
     * @throws ShapeException if the axis is the batch axis, the groups do not divide the channels,
     *         or gamma or beta does not have one value per channel
     */
    public static Tensor apply(Tensor x, Tensor gamma, Tensor beta, int axis, int groups, double epsilon) {
        int[] s = shape(x);
        int a = Shapes.axis("groupNormalization", s, axis);
        if (a == 0) {
            throw ShapeException.of("groupNormalization", s, "the channel axis cannot be the batch axis 0");
        }
        if (groups < 1 || s[a] % groups != 0) {
            throw ShapeException.of("groupNormalization", s, groups + " groups do not divide the " + s[a] + " channels of axis " + axis);
        }
        int[] view = {s[0], Shapes.product(s, 1, a), s[a], Shapes.product(s, a + 1, s.length)};
        return normalize(x, gamma, beta, view, groups, epsilon, "groupNormalization");
    }

    /**
     * Layer normalization over the last {@code axes} axes, for each position of the leading ones.
     *
     * @param x the input
     * @param gamma the scale, one value per element of the normalized axes, or {@code null} for none
     * @param beta the offset, likewise, or {@code null} for none
     * @param axes how many trailing axes are normalized, at least 1 and below the rank
     * @param epsilon added to the variance
     * @return the normalized tensor, same shape as {@code x}
     * @throws ShapeException if {@code axes} does not fit the rank or gamma or beta has the wrong size
     */
    public static Tensor overLastAxes(Tensor x, Tensor gamma, Tensor beta, int axes, double epsilon) {
        int[] s = shape(x);
        if (axes < 1 || axes >= s.length) {
            throw ShapeException.of("layerNormalization", s, "cannot normalize over the last " + axes + " axes");
        }
        int cols = Shapes.product(s, s.length - axes, s.length);
        int[] view = {Shapes.product(s, 0, s.length - axes), 1, cols, 1};
        return normalize(x, gamma, beta, view, 1, epsilon, "layerNormalization");
    }

    private static Tensor normalize(Tensor x, Tensor gamma, Tensor beta, int[] view, int groups, double epsilon, String op) {
        for (Tensor t : new Tensor[] {gamma, beta}) {
            if (t != null && t.size() != view[2]) {
                throw ShapeException.of(op, shape(x), shape(t), "expected " + view[2] + " values, one per normalized channel");
            }
        }
        double[] g = gamma == null ? null : data(gamma).clone();
        double[] mean = new double[view[0] * groups];
        double[] inv = new double[view[0] * groups];
        double[] y = newArray(x.size());
        GroupStats.normalize(data(x), view[0], view[1], view[2], view[3], groups, epsilon, g, beta == null ? null : data(beta), y, mean,
                inv);
        List<Tensor> inputs = new ArrayList<>(3);
        inputs.add(x);
        if (gamma != null) {
            inputs.add(gamma);
        }
        if (beta != null) {
            inputs.add(beta);
        }
        return new GroupNorm(data(x), view, groups, g, beta != null, mean, inv).output(y, shape(x), inputs.toArray(Tensor[]::new));
    }

    @Override
    protected double[][] backward(double[] gradOut) {
        boolean hasGamma = gamma != null;
        int betaIndex = hasGamma ? 2 : 1;
        double[] dx = needsGrad(0) ? newArray(x.length) : null;
        double[] dGamma = hasGamma && needsGrad(1) ? new double[view[2]] : null;
        double[] dBeta = hasBeta && needsGrad(betaIndex) ? new double[view[2]] : null;
        GroupStats.backward(gradOut, x, view[0], view[1], view[2], view[3], groups, gamma, mean, inv, dx, dGamma, dBeta);
        double[][] grads = new double[1 + (hasGamma ? 1 : 0) + (hasBeta ? 1 : 0)][];
        grads[0] = dx;
        if (hasGamma) {
            grads[1] = dGamma;
        }
        if (hasBeta) {
            grads[betaIndex] = dBeta;
        }
        return grads;
    }
}
