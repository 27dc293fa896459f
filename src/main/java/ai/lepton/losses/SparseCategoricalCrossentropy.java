package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Storage;
import ai.lepton.tensor.Tensor;

/**
 * Cross-entropy between integer class labels and class probabilities, Keras's
 * {@code sparse_categorical_crossentropy}:
 * {@code loss = mean_batch( -logSoftmax(log(clip(p)))_label )} (the log-softmax of the log
 * renormalizes the probabilities, as TensorFlow does). When the predictions are a softmax's output,
 * it is computed from the softmax's input {@code z}: {@code loss = mean_batch( -logSoftmax(z)_label )}.
 *
 * <p>Labels have shape {@code (batch,)} or {@code (batch, 1)} and hold class indices
 * {@code 0 .. classes-1} as doubles; predictions have shape {@code (batch, classes)}.
 *
 * <pre>{@code
 * Tensor labels = Tensor.of(new double[] {2, 0}, 2);
 * Tensor loss = new SparseCategoricalCrossentropy().compute(labels, probabilities);   // probabilities (2, 3)
 * }</pre>
 */
public final class SparseCategoricalCrossentropy extends Loss {
    /** Creates the loss. */
    public SparseCategoricalCrossentropy() {
    }

    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred) {
        Tensor logits = Storage.logits(yPred);
        return fromLogits(yTrue, logits != null ? logits : Clip.probabilities(yPred).log());
    }

    private Tensor fromLogits(Tensor yTrue, Tensor logits) {
        validate(yTrue, Storage.shape(logits));
        return oneHot(yTrue, Storage.shape(logits)).mul(logits.logSoftmax(-1)).sum(-1, false).mean().neg();
    }

    /**
     * Rebuilds the loss from its config.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static SparseCategoricalCrossentropy fromConfig(Config config) {
        return new SparseCategoricalCrossentropy();
    }

    @Override
    public void validate(Tensor yTrue, int[] yPredShape) {
        int[] t = Storage.shape(yTrue);
        boolean labelsFit = t.length == 1 || (t.length == 2 && t[1] == 1);
        if (yPredShape.length != 2 || !labelsFit || t[0] != yPredShape[0]) {
            String hint = Shapes.equal(t, yPredShape) && t.length == 2 && t[1] > 1
                    ? "; for one-hot labels use categorical_crossentropy"
                    : "";
            throw mismatch(t, yPredShape, "expected integer class labels of shape (" + yPredShape[0] + ",) or ("
                    + yPredShape[0] + ", 1) and predictions of shape (batch, classes)" + hint);
        }
        double[] labels = Storage.data(yTrue);
        int classes = yPredShape[1];
        for (int i = 0; i < labels.length; i++) {
            double label = labels[i];
            if (label != Math.rint(label) || label < 0 || label >= classes) {
                throw new IllegalArgumentException(name() + ": label " + label + " at index " + i
                        + " is not a class index in [0, " + classes + ")");
            }
        }
    }

    /** The labels as a constant one-hot tensor of the predictions' shape. */
    private static Tensor oneHot(Tensor labels, int[] predictionShape) {
        double[] l = Storage.data(labels);
        int classes = predictionShape[1];
        double[] out = new double[l.length * classes];
        for (int i = 0; i < l.length; i++) {
            out[i * classes + (int) l[i]] = 1.0;
        }
        return Storage.wrap(out, predictionShape[0], classes);
    }
}
