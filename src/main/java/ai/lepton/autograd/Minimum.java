package ai.lepton.autograd;

import ai.lepton.tensor.Broadcast;
import ai.lepton.tensor.Tensor;

/**
 * Broadcast elementwise minimum, {@code y = min(a, b)} (NaN if either is NaN). The gradient goes
 * to {@code a} where {@code a <= b} and to {@code b} elsewhere, as TensorFlow's {@code minimum}.
 *
 * <pre>{@code
 * Tensor y = Minimum.apply(a, b);
 * }</pre>
 */
public final class Minimum extends BinaryOp {
    private Minimum() {
    }

    /**
     * @param a the first operand
     * @param b the second operand, broadcast against the first
     * @return min(a, b), elementwise
     */
    public static Tensor apply(Tensor a, Tensor b) {
        return new Minimum().run("minimum", a, b, Math::min);
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] toA = Broadcast.apply(a, aShape, b, bShape, outShape, (x, z) -> x <= z ? 1.0 : 0.0);
        return Extremes.split(g, toA, needsGrad(0), needsGrad(1));
    }
}
