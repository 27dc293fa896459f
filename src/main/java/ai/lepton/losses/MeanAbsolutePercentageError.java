package ai.lepton.losses;

import ai.lepton.autograd.Maximum;
import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * Keras's {@code mean_absolute_percentage_error}: per element
 * {@code l = 100 |(y - p) / max(|y|, eps)|} with {@code eps = 1e-7}, averaged over the last axis
 * for each example: the error in percent of the target.
 *
 * <pre>{@code
 * Tensor loss = new MeanAbsolutePercentageError().compute(b, b.mul(1.1));   // 10 (percent)
 * }</pre>
 */
public final class MeanAbsolutePercentageError extends ElementwiseLoss {
    /** Creates the loss. */
    public MeanAbsolutePercentageError() {
    }

    @Override
    public String name() {
        return "mean_absolute_percentage_error";
    }

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        Tensor scale = Maximum.apply(yTrue.abs(), Tensor.scalar(EPSILON));
        return yTrue.sub(yPred).div(scale).abs().mul(100.0);
    }

    /**
     * Rebuilds the loss from its config.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static MeanAbsolutePercentageError fromConfig(Config config) {
        return withReduction(new MeanAbsolutePercentageError(), config);
    }
}
