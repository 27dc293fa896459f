package ai.lepton.autograd;

import ai.lepton.kernels.BiasRelu;
import ai.lepton.kernels.Gemm;
import ai.lepton.kernels.Im2Col;
import ai.lepton.kernels.SlidingWindow;
import ai.lepton.kernels.Workspace;
import ai.lepton.tensor.Storage;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;

/**
 * 2-D convolution (Keras's, i.e. cross-correlation) of a channels-last batch, by im2col and one
 * GEMM: {@code y[b, i, j, f] = bias[f] + sum over (p, q, c) of x[b, i s - top + p, j s - left + q, c] kernel[p, q, c, f]},
 * with zeros outside the input. Called {@code Conv2DOp} so as not to clash with the
 * {@code Conv2D} layer.
 *
 * <p>Shapes: x {@code (batch, h, w, c)}, kernel {@code (kh, kw, c, filters)}, bias
 * {@code (filters)} or none, y {@code (batch, outH, outW, filters)} with the sizes of
 * {@link PaddingRule}. The im2col matrix {@code cols} has one {@code (kh, kw, c)} patch per
 * output pixel, so {@code y = cols · kernel} is already NHWC. Backward:
 * {@code dKernel = colsᵀ · g}, {@code dx = col2im(g · kernelᵀ)}, {@code dBias = column sums of g}.
 * With {@code relu}, {@code y = max(conv + bias, 0)} in the same pass, and {@code g} is first
 * masked by {@code y > 0}: this saves the separate activation op's output and its two passes.
 *
 * <p>The im2col matrix and the backward temporaries come from {@link Workspace} and go back to it
 * as soon as they are dead (after the forward pass when no gradient is recorded, after backward
 * otherwise), so training allocates none of them per batch; {@code predict} stays thread-safe
 * because each call takes its own arrays.
 *
 * <pre>{@code
 * Tensor y = Conv2DOp.apply(images, kernel, bias, 2, "same");   // (32, 28, 28, 1) -> (32, 14, 14, filters)
 * }</pre>
 */
public final class Conv2DOp extends Op {
    private static final String NAME = "conv2d";

    private final SlidingWindow window;
    private final Tensor x;
    private final Tensor kernel;
    private final int filters;
    private final boolean hasBias;
    private final boolean relu;
    private final double[] y;
    /** The im2col matrix of x, from {@link Workspace}; null once given back. */
    private double[] cols;

    private Conv2DOp(SlidingWindow window, Tensor x, double[] y, Tensor kernel, boolean hasBias, boolean relu) {
        this.window = window;
        this.x = x;
        this.y = y;
        this.kernel = kernel;
        this.filters = shape(kernel)[3];
        this.hasBias = hasBias;
        this.relu = relu;
    }

    /**
     * The convolution without activation.
     *
     * @param x the batch, {@code (batch, h, w, c)}
     * @param kernel the filters, {@code (kh, kw, c, filters)}
     * @param bias {@code (filters)}, or {@code null} for none
     * @param stride the step between windows along both axes, positive
     * @param padding {@code "valid"} or {@code "same"}
     * @return {@code (batch, outH, outW, filters)}
     * @throws ShapeException if the ranks or channels disagree, the bias is not {@code (filters)},
     *         or a {@code valid} kernel is larger than the input
     * @throws IllegalArgumentException for a bad stride or padding name
     */
    public static Tensor apply(Tensor x, Tensor kernel, Tensor bias, int stride, String padding) {
        return apply(x, kernel, bias, stride, padding, false);
    }

    /**
     * The convolution, optionally followed by a ReLU fused into the same op.
     *
     * @param x the batch, {@code (batch, h, w, c)}
     * @param kernel the filters, {@code (kh, kw, c, filters)}
     * @param bias {@code (filters)}, or {@code null} for none
     * @param stride the step between windows along both axes, positive
     * @param padding {@code "valid"} or {@code "same"}
     * @param relu whether to apply {@code max(·, 0)} to the result
     * @return {@code (batch, outH, outW, filters)}
     * @throws ShapeException if the ranks or channels disagree, the bias is not {@code (filters)},
     *         or a {@code valid} kernel is larger than the input
     * @throws IllegalArgumentException for a bad stride or padding name
     */
    public static Tensor apply(Tensor x, Tensor kernel, Tensor bias, int stride, String padding, boolean relu) {
        int[] xs = shape(x);
        int[] ks = shape(kernel);
        if (xs.length != 4 || ks.length != 4 || xs[3] != ks[2]) {
            throw ShapeException.of(NAME, xs, ks, "expected x (batch, height, width, channels) and kernel "
                    + "(kh, kw, channels, filters) with the same channels");
        }
        if (bias != null && (shape(bias).length != 1 || shape(bias)[0] != ks[3])) {
            throw ShapeException.of(NAME, ks, shape(bias), "the bias must have shape (" + ks[3] + ",), one per filter");
        }
        SlidingWindow w = PaddingRule.window(NAME, xs, ks[0], ks[1], stride, padding);
        int positions = (int) w.positions();
        int patch = w.patchSize();
        int filters = ks[3];
        double[] cols = Workspace.take(positions * patch);
        Im2Col.im2col(w, data(x), 0, cols, 0);
        double[] y = new double[positions * filters];
        Gemm.gemm(false, false, positions, filters, patch, cols, 0, patch, data(kernel), 0, filters, y, 0, filters, false);
        BiasRelu.forward(y, positions, filters, bias == null ? null : data(bias), relu);
        int[] outShape = {xs[0], w.outHeight(), w.outWidth(), filters};
        Conv2DOp op = new Conv2DOp(w, x, y, kernel, bias != null, relu);
        Tensor out = bias == null ? op.output(y, outShape, x, kernel) : op.output(y, outShape, x, kernel, bias);
        if (Storage.creator(out) == op && kernel.requiresGrad()) {
            op.cols = cols;
        } else {
            Workspace.give(cols);
        }
        return out;
    }

    @Override
    protected double[][] backward(double[] gradOut) {
        int positions = (int) window.positions();
        int patch = window.patchSize();
        double[] g = gradOut;
        if (relu) {
            g = Workspace.take(gradOut.length);
            BiasRelu.backward(gradOut, y, g, gradOut.length);
        }
        double[] dx = null;
        if (needsGrad(0)) {
            double[] dCols = Workspace.take(positions * patch);
            Gemm.gemm(false, true, positions, patch, filters, g, 0, filters, data(kernel), 0, filters, dCols, 0, patch, false);
            dx = new double[(int) window.inputSize()];
            Im2Col.col2im(window, dCols, 0, dx, 0);
            Workspace.give(dCols);
        }
        double[] dKernel = null;
        if (needsGrad(1)) {
            if (cols == null) {
                // Given back after an earlier backward pass through this graph: rebuild it.
                cols = Workspace.take(positions * patch);
                Im2Col.im2col(window, data(x), 0, cols, 0);
            }
            dKernel = new double[patch * filters];
            Gemm.gemm(true, false, patch, filters, positions, cols, 0, patch, g, 0, filters, dKernel, 0, filters, false);
            Workspace.give(cols);
            cols = null;
        }
        double[] dBias = hasBias ? BiasRelu.columnSums(g, positions, filters) : null;
        if (g != gradOut) {
            Workspace.give(g);
        }
        return hasBias ? new double[][] {dx, dKernel, dBias} : new double[][] {dx, dKernel};
    }
}
