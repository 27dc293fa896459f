package ai.lepton.losses;

import ai.lepton.autograd.Maximum;
import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * Keras's {@code mean_squared_logarithmic_error}: per element
 * {@code l = (log(max(p, eps) + 1) - log(max(y, eps) + 1))^2} with {@code eps = 1e-7}, averaged
 * over the last axis for each example: the squared error of the logarithms, for targets that span
 * orders of magnitude.
 *
 * <pre>{@code
 * Tensor loss = new MeanSquaredLogarithmicError().compute(b, b.mul(1.1));
 * }</pre>
 */
public final class MeanSquaredLogarithmicError extends ElementwiseLoss {
    /** Creates the loss. */
    public MeanSquaredLogarithmicError() {
    }

    @Override
    public String name() {
        return "mean_squared_logarithmic_error";
    }

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        Tensor epsilon = Tensor.scalar(EPSILON);
        Tensor first = Maximum.apply(yPred, epsilon).add(1.0).log();
        Tensor second = Maximum.apply(yTrue, epsilon).add(1.0).log();
        return first.sub(second).pow(2);
    }

    /**
     * Rebuilds the loss from its config.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static MeanSquaredLogarithmicError fromConfig(Config config) {
        return withReduction(new MeanSquaredLogarithmicError(), config);
    }
}
