package ai.lepton.autograd;

import ai.lepton.kernels.FullyConnected;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;

/**
 * A fully connected layer's whole computation as one op: {@code y = x · kernel + bias}, or
 * {@code y = max(x · kernel + bias, 0)} with {@code relu}, over the last axis of x. It does in one
 * GEMM and one pass what {@link MatMul}, {@link Add} and {@link Relu} do in three ops, three
 * output arrays and a broadcast reduction for the bias gradient. Called {@code DenseOp} so as not
 * to clash with the {@code Dense} layer.
 *
 * <p>Shapes: x {@code (..., in)}, kernel {@code (in, units)}, bias {@code (units)} or none, y
 * {@code (..., units)}. Backward, with {@code dz = g · [y > 0]} under ReLU (else {@code g}):
 * {@code dx = dz · kernelᵀ}, {@code dKernel = xᵀ · dz}, {@code dBias = column sums of dz}; the
 * computing is {@link FullyConnected}'s.
 *
 * <pre>{@code
 * Tensor kernel = Tensor.randn(1, 4, 3);
 * Tensor h = DenseOp.apply(x, kernel, Tensor.zeros(3), true);   // (64, 4) · (4, 3) -> (64, 3), rectified
 * }</pre>
 */
public final class DenseOp extends Op {
    private static final String NAME = "dense";

    private final Tensor x;
    private final Tensor kernel;
    private final double[] y;
    private final int rows;
    private final boolean hasBias;
    private final boolean relu;

    private DenseOp(Tensor x, Tensor kernel, double[] y, int rows, boolean hasBias, boolean relu) {
        this.x = x;
        this.kernel = kernel;
        this.y = y;
        this.rows = rows;
        this.hasBias = hasBias;
        this.relu = relu;
    }

    /**
     * @param x the inputs, {@code (..., in)} with at least one leading axis
     * @param kernel the weights, {@code (in, units)}
     * @param bias {@code (units)}, or {@code null} for none
     * @param relu whether to apply {@code max(·, 0)} to the result
     * @return {@code (..., units)}
     * @throws ShapeException if x's last axis is not the kernel's first, or the bias is not {@code (units)}
     */
    public static Tensor apply(Tensor x, Tensor kernel, Tensor bias, boolean relu) {
        int[] xs = shape(x);
        int[] ks = shape(kernel);
        if (xs.length < 2 || ks.length != 2 || xs[xs.length - 1] != ks[0]) {
            throw ShapeException.of(NAME, xs, ks, "expected x (..., in) and kernel (in, units) with the same in");
        }
        int units = ks[1];
        if (bias != null && (shape(bias).length != 1 || shape(bias)[0] != units)) {
            throw ShapeException.of(NAME, ks, shape(bias), "the bias must have shape (" + units + ",), one per unit");
        }
        int in = ks[0];
        int rows = Shapes.product(xs, 0, xs.length - 1);
        double[] y = newArray(rows * units);
        FullyConnected.forward(rows, in, units, data(x), data(kernel), bias == null ? null : data(bias), relu, y);
        int[] outShape = xs.clone();
        outShape[outShape.length - 1] = units;
        DenseOp op = new DenseOp(x, kernel, y, rows, bias != null, relu);
        return bias == null ? op.output(y, outShape, x, kernel) : op.output(y, outShape, x, kernel, bias);
    }

    @Override
    protected double[][] backward(double[] gradOut) {
        int in = shape(kernel)[0];
        int units = shape(kernel)[1];
        double[] dx = needsGrad(0) ? newArray(rows * in) : null;
        double[] dKernel = needsGrad(1) ? newArray(in * units) : null;
        double[] dBias = hasBias && needsGrad(2) ? newArray(units) : null;
        FullyConnected.backward(rows, in, units, data(x), data(kernel), y, relu, gradOut, dx, dKernel, dBias);
        return hasBias ? new double[][] {dx, dKernel, dBias} : new double[][] {dx, dKernel};
    }
}
