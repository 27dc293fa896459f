package ai.lepton.autograd;

import ai.lepton.kernels.BiasRelu;
import ai.lepton.tensor.Tensor;

/**
 * Rectified linear unit, {@code y = max(x, 0)}; {@code dy/dx = 1} for {@code x > 0}, else 0.
 * Convolutional networks run it after nearly every layer, so both passes go through
 * {@link BiasRelu}'s branch-free loops (on the Vector API when it is present): a per-element
 * {@code ?:} on the signs of trained activations mispredicts about every other time.
 *
 * <pre>{@code
 * Tensor y = Relu.apply(x);   // same as x.relu()
 * }</pre>
 */
public final class Relu extends Op {
    private double[] y;

    private Relu() {
    }

    /**
     * @param x the input
     * @return max(x, 0), elementwise
     */
    public static Tensor apply(Tensor x) {
        return new Relu().run(x);
    }

    private Tensor run(Tensor input) {
        y = data(input).clone();
        BiasRelu.forward(y, 0, 1, y.length, null, true);
        return output(y, shape(input), input);
    }

    @Override
    protected double[][] backward(double[] gradOut) {
        double[] dx = new double[gradOut.length];
        BiasRelu.backward(gradOut, 0, y, 0, dx, 0, 1, dx.length, null, 0);
        return new double[][] {dx};
    }
}
