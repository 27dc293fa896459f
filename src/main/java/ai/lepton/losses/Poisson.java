package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * The Poisson loss, Keras's {@code Poisson}: per element {@code l = p - y log(p + eps)} with
 * {@code eps = 1e-7}, averaged over the last axis for each example; for counts predicted as a
 * positive rate {@code p}.
 *
 * <pre>{@code
 * Tensor loss = new Poisson().compute(b.add(1), b);
 * }</pre>
 */
public final class Poisson extends ElementwiseLoss {
    /** Creates the loss. */
    public Poisson() {
    }

    @Override
    public String name() {
        return "poisson";
    }

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        return yPred.sub(yTrue.mul(yPred.add(EPSILON).log()));
    }

    /**
     * Rebuilds the loss from its config.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static Poisson fromConfig(Config config) {
        return withReduction(new Poisson(), config);
    }
}
