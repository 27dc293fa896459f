package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Storage;
import ai.lepton.tensor.Tensor;

/**
 * Cross-entropy between one-hot (or soft) labels and class probabilities, Keras's
 * {@code categorical_crossentropy}:
 * {@code loss = mean_batch( -sum_c y_c log(clip(p_c / sum_k p_k)) )}, with the probabilities
 * clipped to {@code [1e-7, 1 - 1e-7]}. When the predictions are a softmax's output, it is computed
 * from the softmax's input {@code z} instead: {@code loss = mean_batch( -sum_c y_c logSoftmax(z)_c )}.
 *
 * <p>Labels and predictions both have shape {@code (batch, classes)}.
 *
 * <pre>{@code
 * Tensor loss = new CategoricalCrossentropy().compute(oneHot, probabilities);
 * }</pre>
 */
public final class CategoricalCrossentropy extends Loss {
    /** Creates the loss. */
    public CategoricalCrossentropy() {
    }

    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred) {
        validate(yTrue, Storage.shape(yPred));
        Tensor logits = Storage.logits(yPred);
        if (logits != null) {
            return yTrue.mul(logits.logSoftmax(-1)).sum(-1, false).mean().neg();
        }
        Tensor normalized = yPred.div(yPred.sum(-1, true));
        return yTrue.mul(Clip.probabilities(normalized).log()).sum(-1, false).mean().neg();
    }

    /**
     * Rebuilds the loss from its config.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static CategoricalCrossentropy fromConfig(Config config) {
        return new CategoricalCrossentropy();
    }

    @Override
    public void validate(Tensor yTrue, int[] yPredShape) {
        int[] t = Storage.shape(yTrue);
        if (!Shapes.equal(t, yPredShape)) {
            String hint = t.length < yPredShape.length || (t.length == yPredShape.length && t[t.length - 1] == 1)
                    ? "; for integer class labels use sparse_categorical_crossentropy"
                    : "";
            throw mismatch(t, yPredShape, "expected one-hot labels of shape " + Shapes.format(yPredShape) + hint);
        }
    }
}
