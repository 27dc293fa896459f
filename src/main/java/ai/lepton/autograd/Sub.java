package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Broadcast subtraction, {@code y = a - b}; {@code da = g}, {@code db = -g}.
 *
 * <pre>{@code
 * Tensor y = Sub.apply(a, b);   // same as a.sub(b)
 * }</pre>
 */
public final class Sub extends BinaryOp {
    private Sub() {
    }

    /**
     * @param a the first operand
     * @param b the second operand, broadcast against the first
     * @return a - b
     */
    public static Tensor apply(Tensor a, Tensor b) {
        return new Sub().run("sub", a, b, (x, z) -> x - z);
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] db = null;
        if (needsGrad(1)) {
            db = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                db[i] = -g[i];
            }
        }
        return new double[][] {g, db};
    }
}
