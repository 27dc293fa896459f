package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Broadcast elementwise product, {@code y = a * b}; {@code da = g * b}, {@code db = g * a}.
 *
 * <pre>{@code
 * Tensor y = Mul.apply(a, b);   // same as a.mul(b)
 * }</pre>
 */
public final class Mul extends BinaryOp {
    private Mul() {
    }

    /**
     * @param a the first operand
     * @param b the second operand, broadcast against the first
     * @return a * b, elementwise
     */
    public static Tensor apply(Tensor a, Tensor b) {
        return new Mul().run("mul", a, b, (x, z) -> x * z);
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] da = needsGrad(0) ? combine(g, b, bShape, (gi, bi) -> gi * bi) : null;
        double[] db = needsGrad(1) ? combine(g, a, aShape, (gi, ai) -> gi * ai) : null;
        return new double[][] {da, db};
    }
}
