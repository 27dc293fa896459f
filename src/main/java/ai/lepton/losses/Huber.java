package ai.lepton.losses;

import ai.lepton.autograd.Elementwise;
import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * The Huber loss, Keras's {@code Huber}: with the error {@code e = p - y}, per element
 * {@code l = e^2 / 2} where {@code |e| <= delta} and {@code l = delta |e| - delta^2 / 2} beyond,
 * averaged over the last axis for each example: quadratic near 0, linear for outliers.
 *
 * <pre>{@code
 * Tensor loss = new Huber(0.5).compute(targets, predictions);
 * }</pre>
 */
public final class Huber extends ElementwiseLoss {
    private final double delta;

    /** The Huber loss with Keras's {@code delta = 1.0}. */
    public Huber() {
        this(1.0);
    }

    /**
     * @param delta where the loss turns from quadratic to linear, not negative and finite
     * @throws IllegalArgumentException if out of range
     */
    public Huber(double delta) {
        this.delta = check("delta", delta, delta >= 0 && delta < Double.POSITIVE_INFINITY, "non-negative and finite");
    }

    /** @return where the loss turns from quadratic to linear */
    public double delta() {
        return delta;
    }

    @Override
    public String name() {
        return "huber_loss";
    }

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        return Piecewise.apply(yPred.sub(yTrue), delta);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("delta", delta);
    }

    /**
     * Rebuilds the loss from its config; absent settings take Keras's defaults.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static Huber fromConfig(Config config) {
        return withReduction(new Huber(config.getDouble("delta", 1.0)), config);
    }

    /** The Huber function of the error, {@code dl/de = e} inside {@code [-delta, delta]} and {@code delta sign(e)} beyond. */
    private static final class Piecewise extends Elementwise {
        private final double delta;

        private Piecewise(double delta) {
            this.delta = delta;
        }

        static Tensor apply(Tensor error, double delta) {
            return new Piecewise(delta).run(error);
        }

        @Override
        protected double f(double e) {
            double abs = Math.abs(e);
            return abs <= delta ? 0.5 * (e * e) : delta * abs - 0.5 * (delta * delta);
        }

        @Override
        protected double df(double e, double l) {
            return Math.abs(e) <= delta ? e : delta * Math.signum(e);
        }
    }
}
