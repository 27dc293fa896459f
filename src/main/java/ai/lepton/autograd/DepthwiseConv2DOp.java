package ai.lepton.autograd;

import ai.lepton.kernels.DepthwiseConvolution;
import ai.lepton.kernels.SlidingWindow;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * Depthwise 2-D convolution of a channels-last batch: each input channel {@code c} is convolved
 * with its own {@code M} filters and nothing mixes channels,
 * {@code y[b, i, j, c M + m] = bias[c M + m] + Σ_(p, q) x[b, i sh - top + p dh, j sw - left + q dw, c] kernel[p, q, c, m]},
 * with zeros outside the input. Backward: {@code dx[cell, c] = Σ g[c M + m] kernel[tap, c, m]}
 * over the windows covering the cell, {@code dKernel[tap, c, m] = Σ x[cell, c] g[c M + m]},
 * {@code dBias = Σ g}. The computing is {@link DepthwiseConvolution}'s.
 *
 * <p>Shapes: x {@code (batch, h, w, c)}, kernel {@code (kh, kw, c, M)}, bias {@code (c M)} or
 * none, y {@code (batch, outH, outW, c M)}.
 *
 * <pre>{@code
 * int[][] pads = {PaddingRule.pads("same", 28, 3, 1, 1), PaddingRule.pads("same", 28, 3, 1, 1)};
 * Tensor y = DepthwiseConv2DOp.apply(images, kernel, null, new int[] {1, 1}, new int[] {1, 1}, pads);   // (32, 28, 28, 8)
 * }</pre>
 */
public final class DepthwiseConv2DOp extends Op {
    private static final String NAME = "depthwise_conv2d";

    private final SlidingWindow window;
    private final Tensor x;
    private final Tensor kernel;
    private final int multiplier;
    private final boolean hasBias;

    private DepthwiseConv2DOp(SlidingWindow window, Tensor x, Tensor kernel, int multiplier, boolean hasBias) {
        this.window = window;
        this.x = x;
        this.kernel = kernel;
        this.multiplier = multiplier;
        this.hasBias = hasBias;
    }

    /**
     * @param x the batch, {@code (batch, h, w, c)}
     * @param kernel the filters, {@code (kh, kw, c, multiplier)}
     * @param bias {@code (c · multiplier)}, or {@code null} for none
     * @param strides {@code {strideH, strideW}}, positive (not modified)
     * @param dilation {@code {dilationH, dilationW}}, positive (not modified)
     * @param pads {@code {{top, bottom}, {left, right}}}, each at least 0 and below the window's span (not modified)
     * @return {@code (batch, outH, outW, c · multiplier)}
     * @throws ShapeException if the ranks or channels disagree, the bias has another length, or
     *         the window does not fit the padded input
     */
    public static Tensor apply(Tensor x, Tensor kernel, Tensor bias, int[] strides, int[] dilation, int[][] pads) {
        int[] xs = shape(x);
        int[] ks = shape(kernel);
        if (xs.length != 4 || ks.length != 4 || xs[3] != ks[2]) {
            throw ShapeException.of(NAME, xs, ks, "expected x (batch, height, width, channels) and kernel "
                    + "(kh, kw, channels, multiplier) with the same channels");
        }
        int outC = ks[2] * ks[3];
        if (bias != null && (shape(bias).length != 1 || shape(bias)[0] != outC)) {
            throw ShapeException.of(NAME, ks, shape(bias), "the bias must have shape (" + outC + ",), channels x multiplier");
        }
        if (PaddingRule.outputSize(xs[1], ks[0], strides[0], dilation[0], pads[0]) < 1
                || PaddingRule.outputSize(xs[2], ks[1], strides[1], dilation[1], pads[1]) < 1) {
            throw ShapeException.of(NAME, xs, ks, "a " + ks[0] + "x" + ks[1] + " kernel with dilation " + Arrays.toString(dilation)
                    + " does not fit a " + xs[1] + "x" + xs[2] + " input with pads " + Arrays.deepToString(pads));
        }
        SlidingWindow w = new SlidingWindow(xs[0], xs[1], xs[2], xs[3], ks[0], ks[1], strides[0], strides[1],
                dilation[0], dilation[1], pads[0][0], pads[0][1], pads[1][0], pads[1][1]);
        double[] y = newArray((int) w.positions() * outC);
        DepthwiseConvolution.forward(w, data(x), data(kernel), ks[3], bias == null ? null : data(bias), y);
        DepthwiseConv2DOp op = new DepthwiseConv2DOp(w, x, kernel, ks[3], bias != null);
        int[] outShape = {w.batch(), w.outHeight(), w.outWidth(), outC};
        return bias == null ? op.output(y, outShape, x, kernel) : op.output(y, outShape, x, kernel, bias);
    }

    @Override
    protected double[][] backward(double[] gradOut) {
        double[] dx = needsGrad(0) ? newArray((int) window.inputSize()) : null;
        double[] dKernel = needsGrad(1) ? newArray(window.patchSize() * multiplier) : null;
        double[] dBias = hasBias && needsGrad(2) ? newArray(window.channels() * multiplier) : null;
        DepthwiseConvolution.backward(window, data(x), data(kernel), multiplier, gradOut, dx, dKernel, dBias);
        return hasBias ? new double[][] {dx, dKernel, dBias} : new double[][] {dx, dKernel};
    }
}
