package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * Keras's {@code mean_squared_error}: {@code loss = mean((y - p)^2)} over all elements, which is
 * the batch mean of the per-example means.
 *
 * <pre>{@code
 * Tensor loss = new MeanSquaredError().compute(targets, predictions);
 * }</pre>
 */
public final class MeanSquaredError extends Loss {
    /** Creates the loss. */
    public MeanSquaredError() {
    }

    @Override
    public String name() {
        return "mean_squared_error";
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred) {
        return yPred.sub(alignLabels(yTrue, yPred)).pow(2).mean();
    }

    /**
     * Rebuilds the loss from its config.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static MeanSquaredError fromConfig(Config config) {
        return new MeanSquaredError();
    }
}
