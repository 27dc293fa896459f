package ai.lepton.models;

import ai.lepton.tensor.Tensor;
import java.util.List;

/**
 * What {@link Sequential#gradients} returns: the gradient of the (scaled) loss with respect to
 * every trainable weight, with the batch's loss and predictions for logging and metrics. These
 * are the pieces of Keras's custom training loop ({@code tape.gradient(loss, weights)}), for
 * training loops that sum gradients from several places before one optimizer step, such as
 * data-parallel training.
 *
 * <pre>{@code
 * Gradients g = model.gradients(x, y, 1.0);
 * model.optimizer().apply(model.trainableWeights(), g.values());   // the same step as fit's
 * }</pre>
 *
 * @param values one gradient per weight, in {@link Sequential#trainableWeights()} order and with
 *        each weight's shape; zeros for a weight the loss does not depend on
 * @param loss the batch's mean loss, before scaling
 * @param predictions the model's outputs for the batch, after its final activation, without history
 */
public record Gradients(List<Tensor> values, double loss, Tensor predictions) {
    /**
     * Makes the list of gradients unmodifiable (the tensors are the caller's).
     *
     * @param values one gradient per weight
     * @param loss the batch's mean loss
     * @param predictions the model's outputs for the batch
     */
    public Gradients {
        values = List.copyOf(values);
    }
}
