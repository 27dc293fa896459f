package ai.lepton.autograd;

import ai.lepton.tensor.Broadcast;
import ai.lepton.tensor.Tensor;

/**
 * Broadcast elementwise maximum, {@code y = max(a, b)} (NaN if either is NaN). The gradient goes
 * to {@code a} where {@code a >= b} and to {@code b} elsewhere, so a tie sends it to the first
 * operand, as TensorFlow's {@code maximum} does.
 *
 * <pre>{@code
 * Tensor y = Maximum.apply(a, b);
 * }</pre>
 */
public final class Maximum extends BinaryOp {
    private Maximum() {
    }

    /**
     * @param a the first operand
     * @param b the second operand, broadcast against the first
     * @return max(a, b), elementwise
     */
    public static Tensor apply(Tensor a, Tensor b) {
        return new Maximum().run("maximum", a, b, Math::max);
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] toA = Broadcast.apply(a, aShape, b, bShape, outShape, (x, z) -> x >= z ? 1.0 : 0.0);
        return Extremes.split(g, toA, needsGrad(0), needsGrad(1));
    }
}
