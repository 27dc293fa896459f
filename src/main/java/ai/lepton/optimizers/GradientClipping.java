package ai.lepton.optimizers;

import java.util.Arrays;
import java.util.List;

/**
 * Keras's gradient clipping, of one of three kinds: each gradient scaled down to a norm
 * ({@code clipnorm}), all gradients together scaled down to a norm ({@code global_clipnorm}), or
 * each element clamped to a range ({@code clipvalue}). The formulas are Keras's to the rounding:
 * <pre>
 * clipnorm:         g * clipnorm / max(||g||, clipnorm)
 * global_clipnorm:  g * (clipnorm * min(1 / ||all g||, 1 / clipnorm))
 * clipvalue:        min(max(g, -clipvalue), clipvalue)
 * </pre>
 * Norms are summed in one fixed order on the calling thread, so the result does not depend on the
 * thread count.
 */
final class GradientClipping {
    /** The three kinds, with their Keras config keys, in the order Keras's config lists them. */
    enum Kind {
        NORM("clipnorm"), GLOBAL_NORM("global_clipnorm"), VALUE("clipvalue");

        final String key;

        Kind(String key) {
            this.key = key;
        }
    }

    final Kind kind;
    final double limit;

    GradientClipping(Kind kind, double limit) {
        this.kind = kind;
        this.limit = limit;
    }

    /**
     * The per-gradient factor that {@link #clip} needs: the divisor {@code max(||g||, clipnorm)}
     * for {@code clipnorm}, the common scale for {@code global_clipnorm}, unused for {@code clipvalue}.
     *
     * @param gradients the step's gradients, {@code null} for a weight without one (not modified)
     * @return one factor per gradient
     */
    double[] factors(List<double[]> gradients) {
        double[] factors = new double[gradients.size()];
        if (kind == Kind.NORM) {
            for (int i = 0; i < factors.length; i++) {
                double[] g = gradients.get(i);
                factors[i] = g == null ? Double.NaN : Math.max(Math.sqrt(sumOfSquares(g)), limit);
            }
        } else if (kind == Kind.GLOBAL_NORM) {
            double sum = 0;
            for (double[] g : gradients) {
                sum += g == null ? 0 : sumOfSquares(g);
            }
            double norm = Math.sqrt(sum);
            // (norm - norm) turns an infinite or NaN norm into a NaN scale, as Keras does.
            Arrays.fill(factors, limit * Math.min(1.0 / norm, 1.0 / limit) + (norm - norm));
        }
        return factors;
    }

    /**
     * Clips elements {@code from} to {@code to} of a gradient.
     *
     * @param g the gradient (not modified)
     * @param out where the clipped elements go (modified in that range)
     * @param factor this gradient's entry of {@link #factors}
     * @param from the first element
     * @param to one past the last
     */
    void clip(double[] g, double[] out, double factor, int from, int to) {
        switch (kind) {
            case NORM -> {
                for (int i = from; i < to; i++) {
                    out[i] = g[i] * limit / factor;
                }
            }
            case GLOBAL_NORM -> {
                for (int i = from; i < to; i++) {
                    out[i] = g[i] * factor;
                }
            }
            case VALUE -> {
                for (int i = from; i < to; i++) {
                    out[i] = Math.min(Math.max(g[i], -limit), limit);
                }
            }
        }
    }

    private static double sumOfSquares(double[] g) {
        double sum = 0;
        for (double v : g) {
            sum += v * v;
        }
        return sum;
    }
}
