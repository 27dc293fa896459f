package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * Cross-entropy between integer class labels and class probabilities, Keras's
 * {@code sparse_categorical_crossentropy}:
 * {@code loss = mean_batch( -logSoftmax(log(clip(p)))_label )} (the log-softmax of the log
 * renormalizes the probabilities, as TensorFlow does). When the predictions are a softmax's output,
 * it is computed from the softmax's input {@code z}: {@code loss = mean_batch( -logSoftmax(z)_label )};
 * so it is with {@link #fromLogits(boolean) fromLogits}, the predictions being {@code z}.
 *
 * <p>Labels have shape {@code (batch,)} or {@code (batch, 1)} and hold class indices
 * {@code 0 .. classes-1} as doubles; predictions have shape {@code (batch, classes)}.
 *
 * <pre>{@code
 * Tensor labels = Tensor.of(new double[] {2, 0}, 2);
 * Tensor loss = new SparseCategoricalCrossentropy().compute(labels, probabilities);   // probabilities (2, 3)
 * Tensor fromScores = new SparseCategoricalCrossentropy().fromLogits(true).compute(labels, logits);
 * }</pre>
 */
public final class SparseCategoricalCrossentropy extends Loss {
    private boolean fromLogits;

    /** Creates the loss, for probabilities. */
    public SparseCategoricalCrossentropy() {
    }

    /**
     * @param on whether the predictions are logits rather than probabilities (default false)
     * @return this loss
     */
    public SparseCategoricalCrossentropy fromLogits(boolean on) {
        fromLogits = on;
        return this;
    }

    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor logits = Logits.of(yPred, fromLogits, yPred.rank() - 1);
        if (logits == null) {
            logits = Clip.probabilities(yPred).log();
        }
        validate(yTrue, Storage.shape(logits));
        return oneHot(yTrue, Storage.shape(logits)).mul(logits.logSoftmax(-1)).sum(-1, false).neg();
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("from_logits", fromLogits).put("ignore_class", null).put("axis", -1);
    }

    /**
     * Rebuilds the loss from its config; absent settings take Keras's defaults. Keras's
     * {@code ignore_class} is not supported and must be {@code null}, and {@code axis} must be -1
     * (the only axis Keras's TensorFlow backend supports).
     *
     * @param config the saved settings
     * @return a new loss
     * @throws IllegalArgumentException for an {@code ignore_class} or another axis
     */
    public static SparseCategoricalCrossentropy fromConfig(Config config) {
        SparseCategoricalCrossentropy loss = new SparseCategoricalCrossentropy().fromLogits(config.getBoolean("from_logits", false));
        if (config.get("ignore_class") != null) {
            throw new IllegalArgumentException(loss.name() + ": ignore_class is not supported. Received: ignore_class="
                    + config.get("ignore_class"));
        }
        int axis = config.getInt("axis", -1);
        if (axis != -1) {
            throw new IllegalArgumentException(loss.name() + ": only axis=-1 is supported. Received: axis=" + axis);
        }
        return withReduction(loss, config);
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
