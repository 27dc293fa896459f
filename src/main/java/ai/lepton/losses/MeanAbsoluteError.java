package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * Keras's {@code mean_absolute_error}: {@code loss = mean(|y - p|)} over the last axis for each
 * example, then over the batch.
 *
 * <pre>{@code
 * Tensor loss = new MeanAbsoluteError().compute(targets, predictions);
 * }</pre>
 */
public final class MeanAbsoluteError extends ElementwiseLoss {
    /** Creates the loss. */
    public MeanAbsoluteError() {
    }

    @Override
    public String name() {
        return "mean_absolute_error";
    }

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        return yPred.sub(yTrue).abs();
    }

    /**
     * Rebuilds the loss from its config.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static MeanAbsoluteError fromConfig(Config config) {
        return withReduction(new MeanAbsoluteError(), config);
    }
}
