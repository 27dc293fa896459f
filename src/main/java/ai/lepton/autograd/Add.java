package ai.lepton.autograd;

import ai.lepton.tensor.Tensor;

/**
 * Broadcast addition, {@code y = a + b}; both gradients are the output's gradient.
 *
 * <pre>{@code
 * Tensor y = Add.apply(a, b);   // same as a.add(b)
 * }</pre>
 */
public final class Add extends BinaryOp {
    private Add() {
    }

    /**
     * @param a the first operand
     * @param b the second operand, broadcast against the first
     * @return a + b
     */
    public static Tensor apply(Tensor a, Tensor b) {
        return new Add().run("add", a, b, Double::sum);
    }

    @Override
    protected double[][] backward(double[] g) {
        return new double[][] {g, g};
    }
}
