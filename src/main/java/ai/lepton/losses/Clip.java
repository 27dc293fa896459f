package ai.lepton.losses;

import ai.lepton.autograd.Elementwise;
import ai.lepton.tensor.Tensor;

/**
 * Clipping to an interval, as Keras clips probabilities to {@code [EPSILON, 1 - EPSILON]} before
 * taking their logarithm; the gradient passes inside the interval, bounds included, and is 0
 * outside it (TensorFlow's {@code clip_by_value}).
 */
final class Clip extends Elementwise {
    private final double low;
    private final double high;

    private Clip(double low, double high) {
        this.low = low;
        this.high = high;
    }

    /**
     * @param p probabilities
     * @return {@code min(max(p, EPSILON), 1 - EPSILON)}, elementwise
     */
    static Tensor probabilities(Tensor p) {
        return between(p, Loss.EPSILON, 1.0 - Loss.EPSILON);
    }

    /**
     * @param x values
     * @param low the lower bound
     * @param high the upper bound, at least {@code low}
     * @return {@code min(max(x, low), high)}, elementwise
     */
    static Tensor between(Tensor x, double low, double high) {
        return new Clip(low, high).run(x);
    }

    @Override
    protected double f(double x) {
        return Math.min(Math.max(x, low), high);
    }

    @Override
    protected double df(double x, double y) {
        return x >= low && x <= high ? 1.0 : 0.0;
    }
}
