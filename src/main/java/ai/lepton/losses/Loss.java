package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Storage;
import ai.lepton.tensor.Tensor;

/**
 * A loss function, as Keras's {@code keras.losses.Loss}: a differentiable scalar that training
 * minimizes, reduced as the mean over the batch.
 *
 * <p>The cross-entropies work from the logits when the predictions carry them: the output of a
 * softmax (over the last axis) or a sigmoid remembers its input, as in Keras, and the loss is then
 * computed through {@code logSoftmax} or the log-sigmoid, which is exact and stays finite for any
 * logits. Losses are saved by name ({@link Losses}) with their {@link #getConfig() config}.
 *
 * <pre>{@code
 * Loss loss = Losses.get("categorical_crossentropy");
 * loss.validate(yTrue, yPred.shape());          // fails early, naming the loss and both shapes
 * Tensor value = loss.compute(yTrue, yPred);    // a scalar; value.backward() gives d/d yPred
 * }</pre>
 */
public abstract class Loss {
    /** Keras's fuzz factor {@code backend.epsilon()}: probabilities are clipped to {@code [EPSILON, 1 - EPSILON]}. */
    public static final double EPSILON = 1e-7;

    /** For subclasses. */
    protected Loss() {
    }

    /** @return Keras's name of the loss, e.g. {@code "categorical_crossentropy"} */
    public abstract String name();

    /**
     * The loss on predictions (probabilities for the cross-entropies), averaged over the batch.
     *
     * @param yTrue the labels (not modified)
     * @param yPred the predictions, shape {@code (batch, ...)} (not modified)
     * @return a scalar tensor, differentiable with respect to {@code yPred}
     * @throws ShapeException naming the loss and both shapes if they do not fit together
     */
    public abstract Tensor compute(Tensor yTrue, Tensor yPred);

    /**
     * The settings, as Keras's {@code get_config()}: the name, and each loss's options under
     * Keras's keys. A loss's registered factory ({@link Losses#register}) reads them back.
     *
     * @return a new config
     */
    public Config getConfig() {
        return Config.of(getClass().getSimpleName()).put("name", name());
    }

    /**
     * Checks that labels fit predictions of a given shape, before any training happens. The
     * default accepts labels of the predictions' shape, and {@code (batch,)} labels for
     * {@code (batch, 1)} predictions.
     *
     * @param yTrue the labels (not modified)
     * @param yPredShape the shape of the predictions, batch dimension included (not modified)
     * @throws ShapeException naming the loss and both shapes
     */
    public void validate(Tensor yTrue, int[] yPredShape) {
        int[] t = Storage.shape(yTrue);
        if (!Shapes.equal(t, yPredShape) && !isColumnOf(t, yPredShape)) {
            throw mismatch(t, yPredShape, "expected labels of the predictions' shape " + Shapes.format(yPredShape));
        }
    }

    /**
     * Labels in the predictions' shape: {@code (batch,)} labels become {@code (batch, 1)} when the
     * predictions have one column.
     *
     * @param yTrue the labels (not modified)
     * @param yPred the predictions (not modified)
     * @return {@code yTrue}, possibly reshaped
     * @throws ShapeException naming the loss and both shapes if they still differ
     */
    protected final Tensor alignLabels(Tensor yTrue, Tensor yPred) {
        validate(yTrue, Storage.shape(yPred));
        return isColumnOf(Storage.shape(yTrue), Storage.shape(yPred)) ? yTrue.reshape(Storage.shape(yPred)) : yTrue;
    }

    /**
     * The one message format for labels that do not fit the predictions.
     *
     * @param yTrueShape the labels' shape (not modified)
     * @param yPredShape the predictions' shape (not modified)
     * @param expectation what the loss expected, in words
     * @return an exception to throw
     */
    protected final ShapeException mismatch(int[] yTrueShape, int[] yPredShape, String expectation) {
        return new ShapeException(name() + ": labels of shape " + Shapes.format(yTrueShape) + " do not fit predictions of shape "
                + Shapes.format(yPredShape) + ": " + expectation);
    }

    private static boolean isColumnOf(int[] labels, int[] predictions) {
        return labels.length == 1 && predictions.length == 2 && predictions[1] == 1 && labels[0] == predictions[0];
    }

    @Override
    public String toString() {
        return name();
    }
}
