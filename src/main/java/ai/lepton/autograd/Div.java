package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Broadcast elementwise quotient, {@code y = a / b}; {@code da = g / b}, {@code db = -g * y / b}.
 *
 * <pre>{@code
 * Tensor y = Div.apply(a, b);   // same as a.div(b)
 * }</pre>
 */
public final class Div extends BinaryOp {
    private Div() {
    }

    /**
     * @param a the dividend
     * @param b the divisor, broadcast against the dividend
     * @return a / b, elementwise
     */
    public static Tensor apply(Tensor a, Tensor b) {
        return new Div().run("div", a, b, (x, z) -> x / z);
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] da = needsGrad(0) ? combine(g, b, bShape, (gi, bi) -> gi / bi) : null;
        double[] db = null;
        if (needsGrad(1)) {
            double[] gy = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                gy[i] = -g[i] * y[i];
            }
            db = combine(gy, b, bShape, (gi, bi) -> gi / bi);
        }
        return new double[][] {da, db};
    }
}
