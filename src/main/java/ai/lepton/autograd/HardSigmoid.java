package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Keras 3's hard sigmoid, {@code y = relu6(x + 3) / 6}: 0 below -3, 1 above 3, linear between;
 * {@code dy/dx = 1/6} for {@code -3 < x < 3}, else 0.
 *
 * <pre>{@code
 * Tensor y = HardSigmoid.apply(x);   // same as Activations.get("hard_sigmoid").apply(x)
 * }</pre>
 */
public final class HardSigmoid extends Elementwise {
    private HardSigmoid() {
    }

    /**
     * @param x the input
     * @return relu6(x + 3) / 6, elementwise, same shape
     */
    public static Tensor apply(Tensor x) {
        return new HardSigmoid().run(x);
    }

    /**
     * The function on one value, shared with {@link HardSilu}.
     *
     * @param x any value
     * @return relu6(x + 3) / 6
     */
    static double value(double x) {
        return Math.min(Math.max(x + 3.0, 0.0), 6.0) / 6.0;
    }

    /**
     * Its derivative on one value.
     *
     * @param x any value
     * @return 1/6 inside (-3, 3), else 0
     */
    static double slope(double x) {
        return x > -3.0 && x < 3.0 ? 1.0 / 6.0 : 0.0;
    }

    @Override
    protected double f(double x) {
        return value(x);
    }

    @Override
    protected double df(double x, double y) {
        return slope(x);
    }
}
