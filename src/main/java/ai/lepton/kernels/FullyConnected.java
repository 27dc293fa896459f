package ai.lepton.kernels;

/**
 * A dense layer's computation over a row-major batch: {@code y = relu?(x · kernel + bias)} in one
 * GEMM with its epilogue, and backward with {@code dz = g · [y > 0]} under the ReLU (else
 * {@code g}): {@code dx = dz · kernelᵀ}, {@code dKernel = xᵀ · dz}, {@code dBias = column sums of dz},
 * the mask and the sums in one pass.
 *
 * <p>Shapes: x {@code (rows, in)}, kernel {@code (in, units)}, bias {@code (units)} or none, y
 * {@code (rows, units)}.
 *
 * <pre>{@code
 * double[] in = Tensor.rand(1, 32, 784).toArray();         // a batch of 32 flattened images
 * double[] weights = Tensor.randn(2, 784, 128).toArray();
 * double[] out = new double[32 * 128];
 * FullyConnected.forward(32, 784, 128, in, weights, new double[128], true, out);
 * double[] dWeights = new double[weights.length];
 * FullyConnected.backward(32, 784, 128, in, weights, out, true, out, null, dWeights, null);
 * }</pre>
 */
public final class FullyConnected {

    private FullyConnected() {
    }

    /**
     * y = relu?(x · kernel + bias).
     *
     * @param rows   rows of x and y
     * @param in     columns of x, rows of the kernel
     * @param units  columns of the kernel and y
     * @param x      the input (not modified)
     * @param kernel the weights (not modified)
     * @param bias   one value per unit (not modified), or {@code null} for none
     * @param relu   whether to apply {@code max(·, 0)}
     * @param y      the output (overwritten)
     * @throws IllegalArgumentException if an array is too short for its matrix
     */
    public static void forward(int rows, int in, int units, double[] x, double[] kernel, double[] bias, boolean relu,
                               double[] y) {
        Gemm.gemm(false, false, rows, units, in, x, 0, in, kernel, 0, units, y, 0, units, bias, relu);
    }

    /**
     * Fills the gradients asked for (a {@code null} array is not computed).
     *
     * @param rows    rows of x and y
     * @param in      columns of x, rows of the kernel
     * @param units   columns of the kernel and y
     * @param x       the forward input (not modified)
     * @param kernel  the weights (not modified)
     * @param y       the forward output, for the ReLU's mask (not modified)
     * @param relu    whether forward applied the ReLU
     * @param gradOut the output gradient (not modified)
     * @param dx      the input gradient, {@code rows·in} (overwritten), or {@code null}
     * @param dKernel the kernel gradient, {@code in·units} (overwritten), or {@code null}
     * @param dBias   the bias gradient, {@code units} (overwritten), or {@code null}
     * @throws IllegalArgumentException if an array is too short for its matrix
     */
    public static void backward(int rows, int in, int units, double[] x, double[] kernel, double[] y, boolean relu,
                                double[] gradOut, double[] dx, double[] dKernel, double[] dBias) {
        try (Scratch scratch = Scratch.open()) {
            double[] g = gradOut;
            if (relu) {
                g = scratch.take(rows * units);
                BiasRelu.backward(gradOut, 0, y, 0, g, 0, rows, units, dBias, 0);
            } else if (dBias != null) {
                BiasRelu.columnSums(gradOut, 0, rows, units, dBias, 0);
            }
            if (dx != null) {
                Gemm.gemm(false, true, rows, in, units, g, 0, units, kernel, 0, units, dx, 0, in, false);
            }
            if (dKernel != null) {
                Gemm.gemm(true, false, in, units, rows, x, 0, in, g, 0, units, dKernel, 0, units, false);
            }
        }
    }
}
