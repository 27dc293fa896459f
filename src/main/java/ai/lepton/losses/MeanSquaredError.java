package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * Keras's {@code mean_squared_error}: {@code loss = mean((y - p)^2)} over the last axis for each
 * example, then over the batch.
 *
 * <pre>{@code
 * Tensor loss = new MeanSquaredError().compute(targets, predictions);
 * }</pre>
 */
public final class MeanSquaredError extends ElementwiseLoss {
    /** Creates the loss. */
    public MeanSquaredError() {
    }

    @Override
    public String name() {
        return "mean_squared_error";
    }

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        return yPred.sub(yTrue).pow(2);
    }

    /**
     * Rebuilds the loss from its config.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static MeanSquaredError fromConfig(Config config) {
        return withReduction(new MeanSquaredError(), config);
    }
}
