package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * The squared hinge loss, Keras's {@code SquaredHinge}: per element
 * {@code l = max(1 - y p, 0)^2}, averaged over the last axis for each example, for labels
 * {@code -1} or {@code 1}; labels that are all 0 or 1 are read as {@code 2 y - 1}, as in
 * {@link Hinge}.
 *
 * <pre>{@code
 * Tensor y = Tensor.of(new double[] {1, -1}, 2, 1);
 * Tensor loss = new SquaredHinge().compute(y, Tensor.of(new double[] {0.3, 0.4}, 2, 1));
 * }</pre>
 */
public final class SquaredHinge extends ElementwiseLoss {
    /** Creates the loss. */
    public SquaredHinge() {
    }

    @Override
    public String name() {
        return "squared_hinge";
    }

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        return Hinge.margin(yTrue, yPred).pow(2);
    }

    /**
     * Rebuilds the loss from its config.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static SquaredHinge fromConfig(Config config) {
        return withReduction(new SquaredHinge(), config);
    }
}
