package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.tensor.Storage;
import ai.lepton.tensor.Tensor;

/**
 * Cross-entropy for yes/no targets, Keras's {@code binary_crossentropy}:
 * {@code loss = mean( -(y log(clip(p)) + (1 - y) log(1 - clip(p))) )} over all elements, with
 * {@code p} clipped to {@code [1e-7, 1 - 1e-7]}. When the predictions are a sigmoid's output, it is
 * computed from the sigmoid's input {@code z}, stably for any logit:
 * {@code loss = mean( max(z, 0) - z y + log(1 + e^-|z|) )}.
 *
 * <p>Labels have the predictions' shape, e.g. {@code (batch, 1)}; {@code (batch,)} labels are
 * accepted for {@code (batch, 1)} predictions.
 *
 * <pre>{@code
 * Tensor loss = new BinaryCrossentropy().compute(labels, probabilities);
 * }</pre>
 */
public final class BinaryCrossentropy extends Loss {
    /** Creates the loss. */
    public BinaryCrossentropy() {
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor logits = Storage.logits(yPred);
        if (logits != null) {
            return SigmoidCrossEntropy.apply(alignLabels(yTrue, logits), logits).mean();
        }
        Tensor y = alignLabels(yTrue, yPred);
        Tensor p = Clip.probabilities(yPred);
        Tensor positive = y.mul(p.log());
        Tensor negative = y.neg().add(1.0).mul(p.neg().add(1.0).log());
        return positive.add(negative).mean().neg();
    }

    /**
     * Rebuilds the loss from its config.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static BinaryCrossentropy fromConfig(Config config) {
        return new BinaryCrossentropy();
    }
}
