package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * The Kullback-Leibler divergence, Keras's {@code KLDivergence}: per example
 * {@code loss = sum(y log(y / p))} over the last axis, with both distributions clipped to
 * {@code [1e-7, 1]} first. Labels and predictions are probability distributions of the same shape.
 *
 * <pre>{@code
 * Tensor loss = new KLDivergence().compute(Tensor.of(new double[] {0.2, 0.3, 0.5, 0.6, 0.3, 0.1}, 2, 3), probabilities);
 * }</pre>
 */
public final class KLDivergence extends Loss {
    /** Creates the loss. */
    public KLDivergence() {
    }

    @Override
    public String name() {
        return "kl_divergence";
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor y = Clip.between(alignLabels(yTrue, yPred), EPSILON, 1.0);
        Tensor p = Clip.between(yPred, EPSILON, 1.0);
        return y.mul(y.div(p).log()).sum(-1, false);
    }

    /**
     * Rebuilds the loss from its config.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static KLDivergence fromConfig(Config config) {
        return withReduction(new KLDivergence(), config);
    }
}
