package ai.lepton.losses;

import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * Which logits a cross-entropy works from: those a softmax or sigmoid output remembers (as
 * Keras's TensorFlow backend uses {@code _keras_logits}, even with {@code from_logits=True}), else
 * the predictions themselves when the loss was told they are logits, else none.
 */
final class Logits {
    private Logits() {
    }

    /**
     * For the elementwise (sigmoid) cross-entropies.
     *
     * @param predictions the predictions (not modified)
     * @param fromLogits whether the predictions are logits
     * @return the logits, or {@code null} to work from probabilities
     */
    static Tensor of(Tensor predictions, boolean fromLogits) {
        Tensor remembered = Storage.logits(predictions);
        if (remembered != null) {
            return remembered;
        }
        return fromLogits ? predictions : null;
    }

    /**
     * For the softmax cross-entropies: a softmax remembers its logits over the last axis only, so
     * they serve a loss over that axis only.
     *
     * @param predictions the predictions (not modified)
     * @param fromLogits whether the predictions are logits
     * @param classAxis the loss's class axis, non-negative
     * @return the logits, or {@code null} to work from probabilities
     */
    static Tensor of(Tensor predictions, boolean fromLogits, int classAxis) {
        Tensor remembered = Storage.logits(predictions);
        if (remembered != null && classAxis == predictions.rank() - 1) {
            return remembered;
        }
        return fromLogits ? predictions : null;
    }
}
