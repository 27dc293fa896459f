package ai.lepton.losses;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * Fits sample weights to per-example losses, as Keras's {@code squeeze_or_expand_to_same_rank}:
 * weights of the losses' shape are used as they are, a trailing axis of 1 is dropped, and
 * {@code (batch,)} weights weigh every loss of their example (for losses of shape
 * {@code (batch, steps)}, e.g. a sequence's).
 */
final class WeightAlignment {
    private WeightAlignment() {
    }

    /**
     * @param loss the loss's name, for the message
     * @param weights the sample weights (not modified)
     * @param valuesShape the shape of the per-example losses (not modified)
     * @return the weights, reshaped so that they broadcast over the losses
     * @throws ShapeException naming the loss and both shapes if they do not fit
     */
    static Tensor align(String loss, Tensor weights, int[] valuesShape) {
        int[] w = Storage.shape(weights);
        if (w.length == valuesShape.length + 1 && w[w.length - 1] == 1) {
            w = Arrays.copyOf(w, w.length - 1);
        }
        if (Shapes.equal(w, valuesShape)) {
            return weights.reshape(valuesShape);
        }
        if (w.length == 1 && valuesShape.length > 1 && w[0] == valuesShape[0]) {
            int[] perExample = new int[valuesShape.length];
            Arrays.fill(perExample, 1);
            perExample[0] = w[0];
            return weights.reshape(perExample);
        }
        int batch = valuesShape.length == 0 ? 1 : valuesShape[0];
        String expected = valuesShape.length <= 1 ? "(" + batch + ",) or (" + batch + ", 1)"
                : "(" + batch + ",) or " + Shapes.format(valuesShape);
        throw new ShapeException(loss + ": sample weights of shape " + Shapes.format(Storage.shape(weights))
                + " do not fit the per-example losses of shape " + Shapes.format(valuesShape) + ": expected " + expected);
    }
}
