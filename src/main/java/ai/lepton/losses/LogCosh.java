package ai.lepton.losses;

import ai.lepton.autograd.Softplus;
import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * The logarithm of the hyperbolic cosine of the error, Keras's {@code LogCosh}: with
 * {@code e = p - y}, per element {@code l = log(cosh(e))}, computed as Keras does as
 * {@code e + softplus(-2 e) - log(2)} so that it cannot overflow, averaged over the last axis for
 * each example. It is about {@code e^2 / 2} for small errors and {@code |e| - log(2)} for large ones.
 *
 * <pre>{@code
 * Tensor loss = new LogCosh().compute(targets, predictions);
 * }</pre>
 */
public final class LogCosh extends ElementwiseLoss {
    private static final double LOG_2 = Math.log(2.0);

    /** Creates the loss. */
    public LogCosh() {
    }

    @Override
    public String name() {
        return "log_cosh";
    }

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        Tensor e = yPred.sub(yTrue);
        return e.add(Softplus.apply(e.mul(-2.0))).sub(LOG_2);
    }

    /**
     * Rebuilds the loss from its config.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static LogCosh fromConfig(Config config) {
        return withReduction(new LogCosh(), config);
    }
}
