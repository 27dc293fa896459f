package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * Keras's {@code mean_absolute_error}: {@code loss = mean(|y - p|)} over all elements, which is
 * the batch mean of the per-example means.
 *
 * <pre>{@code
 * Tensor loss = new MeanAbsoluteError().compute(targets, predictions);
 * }</pre>
 */
public final class MeanAbsoluteError extends Loss {
    /** Creates the loss. */
    public MeanAbsoluteError() {
    }

    @Override
    public String name() {
        return "mean_absolute_error";
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred) {
        return yPred.sub(alignLabels(yTrue, yPred)).abs().mean();
    }

    /**
     * Rebuilds the loss from its config.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static MeanAbsoluteError fromConfig(Config config) {
        return new MeanAbsoluteError();
    }
}
