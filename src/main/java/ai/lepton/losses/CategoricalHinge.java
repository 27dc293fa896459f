package ai.lepton.losses;

import ai.lepton.autograd.Maximum;
import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * The categorical hinge loss, Keras's {@code CategoricalHinge}: per example
 * {@code loss = max(neg - pos + 1, 0)} with {@code pos = sum(y p)} and
 * {@code neg = max((1 - y) p)} over the last axis: the true class's score must beat the best
 * other class's by a margin of 1. Labels are one-hot, of the predictions' shape.
 *
 * <pre>{@code
 * Tensor loss = new CategoricalHinge().compute(oneHot, logits);
 * }</pre>
 */
public final class CategoricalHinge extends Loss {
    /** Creates the loss. */
    public CategoricalHinge() {
    }

    @Override
    public String name() {
        return "categorical_hinge";
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor y = alignLabels(yTrue, yPred);
        Tensor pos = y.mul(yPred).sum(-1, false);
        Tensor neg = y.neg().add(1.0).mul(yPred).max(-1, false);
        return Maximum.apply(neg.sub(pos).add(1.0), Tensor.scalar(0.0));
    }

    /**
     * Rebuilds the loss from its config.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static CategoricalHinge fromConfig(Config config) {
        return withReduction(new CategoricalHinge(), config);
    }
}
