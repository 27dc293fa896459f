package ai.lepton.losses;

import ai.lepton.autograd.Elementwise;
import ai.lepton.tensor.Tensor;

/**
 * Clipping to {@code [EPSILON, 1 - EPSILON]}, as Keras clips probabilities before taking their
 * logarithm; the gradient passes inside the interval and is 0 outside it (TensorFlow's
 * {@code clip_by_value}).
 */
final class Clip extends Elementwise {
    private static final double LOW = Loss.EPSILON;
    private static final double HIGH = 1.0 - Loss.EPSILON;

    private Clip() {
    }

    /**
     * @param p probabilities
     * @return {@code min(max(p, EPSILON), 1 - EPSILON)}, elementwise
     */
    static Tensor probabilities(Tensor p) {
        return new Clip().run(p);
    }

    @Override
    protected double f(double x) {
        return Math.min(Math.max(x, LOW), HIGH);
    }

    @Override
    protected double df(double x, double y) {
        return x >= LOW && x <= HIGH ? 1.0 : 0.0;
    }
}
