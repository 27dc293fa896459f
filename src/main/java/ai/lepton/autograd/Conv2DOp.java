package ai.lepton.autograd;

import ai.lepton.kernels.Gemm;
import ai.lepton.kernels.Im2Col;
import ai.lepton.kernels.SlidingWindow;
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
 *
 * <pre>{@code
 * Tensor y = Conv2DOp.apply(images, kernel, bias, 2, "same");   // (32, 28, 28, 1) -> (32, 14, 14, filters)
 * }</pre>
 */
public final class Conv2DOp extends Op {
    private static final String NAME = "conv2d";

    private final SlidingWindow window;
    private final double[] cols;
    private final Tensor kernel;
    private final int filters;
    private final boolean hasBias;

    private Conv2DOp(SlidingWindow window, double[] cols, Tensor kernel, boolean hasBias) {
        this.window = window;
        this.cols = cols;
        this.kernel = kernel;
        this.filters = shape(kernel)[3];
        this.hasBias = hasBias;
    }

    /**
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
        double[] cols = new double[positions * patch];
        Im2Col.im2col(w, data(x), 0, cols, 0);
        double[] y = new double[positions * ks[3]];
        Gemm.gemm(false, false, positions, ks[3], patch, cols, 0, patch, data(kernel), 0, ks[3], y, 0, ks[3], false);
        if (bias != null) {
            double[] b = data(bias);
            for (int row = 0; row < positions; row++) {
                for (int f = 0, o = row * ks[3]; f < ks[3]; f++) {
                    y[o + f] += b[f];
                }
            }
        }
        int[] outShape = {xs[0], w.outHeight(), w.outWidth(), ks[3]};
        Conv2DOp op = new Conv2DOp(w, cols, kernel, bias != null);
        return bias == null ? op.output(y, outShape, x, kernel) : op.output(y, outShape, x, kernel, bias);
    }

    @Override
    protected double[][] backward(double[] g) {
        int positions = (int) window.positions();
        int patch = window.patchSize();
        double[] dx = null;
        if (needsGrad(0)) {
            double[] dCols = new double[positions * patch];
            Gemm.gemm(false, true, positions, patch, filters, g, 0, filters, data(kernel), 0, filters, dCols, 0, patch, false);
            dx = new double[(int) window.inputSize()];
            Im2Col.col2im(window, dCols, 0, dx, 0);
        }
        double[] dKernel = null;
        if (needsGrad(1)) {
            dKernel = new double[patch * filters];
            Gemm.gemm(true, false, patch, filters, positions, cols, 0, patch, g, 0, filters, dKernel, 0, filters, false);
        }
        if (!hasBias) {
            return new double[][] {dx, dKernel};
        }
        double[] dBias = new double[filters];
        for (int row = 0; row < positions; row++) {
            for (int f = 0, o = row * filters; f < filters; f++) {
                dBias[f] += g[o + f];
            }
        }
        return new double[][] {dx, dKernel, dBias};
    }
}
