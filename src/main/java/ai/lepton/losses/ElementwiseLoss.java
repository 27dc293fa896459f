package ai.lepton.losses;

import ai.lepton.tensor.Tensor;

/**
 * The base of the losses that score each element on its own and average over the last axis, as
 * Keras's {@code mean(f(y_true, y_pred), axis=-1)}: squared and absolute errors, Huber, log-cosh,
 * the hinges, Poisson, and the binary cross-entropies.
 *
 * <p>Labels have the predictions' shape; {@code (batch,)} labels are accepted for
 * {@code (batch, 1)} predictions. With the default reduction the loss is the mean over all
 * elements, which equals the mean of the per-example means because every example has as many
 * elements.
 *
 * <pre>{@code
 * Tensor perExample = new MeanSquaredError().call(targets, predictions);   // (2,) for (2, 3) predictions
 * }</pre>
 */
public abstract class ElementwiseLoss extends Loss {
    /** For subclasses. */
    protected ElementwiseLoss() {
    }

    /**
     * The loss of each element.
     *
     * @param yTrue the labels, in the predictions' shape (not modified)
     * @param yPred the predictions (not modified)
     * @return a tensor of the predictions' shape, differentiable with respect to {@code yPred}
     */
    protected abstract Tensor elementwise(Tensor yTrue, Tensor yPred);

    /** @return the axis the elements' losses are averaged over for each example (Keras: -1) */
    protected int axis() {
        return -1;
    }

    /** @return the mean of the elements' losses over {@link #axis()} */
    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        return elementwise(alignLabels(yTrue, yPred), yPred).mean(axis(), false);
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred) {
        if (reducesToMean()) {
            // One mean over all elements: the same number, and the same bits as Lepton's earlier releases.
            return elementwise(alignLabels(yTrue, yPred), yPred).mean();
        }
        return reduce(call(yTrue, yPred));
    }
}
