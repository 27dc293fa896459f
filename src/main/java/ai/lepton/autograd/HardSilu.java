package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Keras 3's hard SiLU (also called hard swish), {@code y = x * hard_sigmoid(x)} with
 * {@code hard_sigmoid(x) = relu6(x + 3) / 6}; {@code dy/dx = hard_sigmoid(x) + x * hard_sigmoid'(x)}.
 *
 * <pre>{@code
 * Tensor y = HardSilu.apply(x);   // same as Activations.get("hard_silu").apply(x)
 * }</pre>
 */
public final class HardSilu extends Elementwise {
    private HardSilu() {
    }

    /**
     * @param x the input
     * @return x * relu6(x + 3) / 6, elementwise, same shape
     */
    public static Tensor apply(Tensor x) {
        return new HardSilu().run(x);
    }

    @Override
    protected double f(double x) {
        return x * HardSigmoid.value(x);
    }

    @Override
    protected double df(double x, double y) {
        return HardSigmoid.value(x) + x * HardSigmoid.slope(x);
    }
}
