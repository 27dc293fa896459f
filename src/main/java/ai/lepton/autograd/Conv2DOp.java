package ai.lepton.autograd;

import ai.lepton.kernels.Convolution;
import ai.lepton.kernels.SlidingWindow;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * 2-D convolution (Keras's, i.e. cross-correlation) of a channels-last batch:
 * {@code y[b, i, j, f] = bias[f] + sum over (p, q, c) of x[b, i s - top + p, j s - left + q, c] kernel[p, q, c, f]},
 * with zeros outside the input, and with {@code relu} {@code y = max(conv + bias, 0)} in the same
 * op (backward masks the gradient by {@code y > 0}), which saves a separate activation's output
 * and passes. Called {@code Conv2DOp} so as not to clash with the {@code Conv2D} layer.
 *
 * <p>Shapes: x {@code (batch, h, w, c)}, kernel {@code (kh, kw, c, filters)}, bias
 * {@code (filters)} or none, y {@code (batch, outH, outW, filters)} with the sizes of
 * {@link PaddingRule}. Backward: {@code dx = col2im(g · kernelᵀ)}, {@code dKernel = im2col(x)ᵀ · g},
 * {@code dBias = column sums of g}.
 *
 * <p>The computing is {@link Convolution}'s: this op checks the arguments, lets the geometry
 * choose the algorithm (Winograd's, direct sums or im2col), runs its forward pass keeping what
 * the gradients to come need, and hands the gradient to that pass in backward.
 *
 * <pre>{@code
 * Tensor y = Conv2DOp.apply(images, kernel, bias, 2, "same");   // (32, 28, 28, 1) -> (32, 14, 14, filters)
 * }</pre>
 */
public final class Conv2DOp extends Op {
    private static final String NAME = "conv2d";

    private final Convolution.Pass pass;
    private final SlidingWindow window;
    private final int filters;
    private final boolean hasBias;

    private Conv2DOp(Convolution.Pass pass, SlidingWindow window, int filters, boolean hasBias) {
        this.pass = pass;
        this.window = window;
        this.filters = filters;
        this.hasBias = hasBias;
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
        checkShapes(xs, ks, bias);
        SlidingWindow w = PaddingRule.window(NAME, xs, ks[0], ks[1], stride, padding);
        return run(w, x, kernel, bias, relu);
    }

    /**
     * The convolution with any strides, dilations and explicit zero padding, optionally followed
     * by a fused ReLU: the general form the layers use ({@code Conv2D}'s non-square kernels and
     * strides, dilation, TensorFlow's {@code same} and {@code Conv1D}'s {@code causal} padding).
     *
     * <pre>{@code
     * int[][] pads = {PaddingRule.pads("same", 28, 3, 2, 1), PaddingRule.pads("same", 28, 3, 1, 1)};
     * Tensor y = Conv2DOp.apply(images, kernel, bias, new int[] {2, 1}, new int[] {1, 1}, pads, false);   // (32, 14, 28, 8)
     * }</pre>
     *
     * @param x the batch, {@code (batch, h, w, c)}
     * @param kernel the filters, {@code (kh, kw, c, filters)}
     * @param bias {@code (filters)}, or {@code null} for none
     * @param strides {@code {strideH, strideW}}, positive (not modified)
     * @param dilation {@code {dilationH, dilationW}}, positive (not modified)
     * @param pads {@code {{top, bottom}, {left, right}}}, each at least 0 and below the window's span (not modified)
     * @param relu whether to apply {@code max(·, 0)} to the result
     * @return {@code (batch, outH, outW, filters)}
     * @throws ShapeException if the ranks or channels disagree, the bias is not {@code (filters)},
     *         or the window does not fit the padded input
     * @throws IllegalArgumentException for a stride, dilation or pad out of range
     */
    public static Tensor apply(Tensor x, Tensor kernel, Tensor bias, int[] strides, int[] dilation, int[][] pads,
                               boolean relu) {
        int[] xs = shape(x);
        int[] ks = shape(kernel);
        checkShapes(xs, ks, bias);
        if (strides.length != 2 || dilation.length != 2 || pads.length != 2 || pads[0].length != 2 || pads[1].length != 2) {
            throw new IllegalArgumentException(NAME + ": strides and dilation take 2 values and pads 2 pairs. Received: strides="
                    + Arrays.toString(strides) + ", dilation=" + Arrays.toString(dilation)
                    + ", pads=" + Arrays.deepToString(pads));
        }
        if (PaddingRule.outputSize(xs[1], ks[0], strides[0], dilation[0], pads[0]) < 1
                || PaddingRule.outputSize(xs[2], ks[1], strides[1], dilation[1], pads[1]) < 1) {
            throw ShapeException.of(NAME, xs, ks, "a " + ks[0] + "x" + ks[1] + " kernel with dilation "
                    + Arrays.toString(dilation) + " does not fit a " + xs[1] + "x" + xs[2]
                    + " input with pads " + Arrays.deepToString(pads));
        }
        SlidingWindow w = new SlidingWindow(xs[0], xs[1], xs[2], xs[3], ks[0], ks[1], strides[0], strides[1],
                dilation[0], dilation[1], pads[0][0], pads[0][1], pads[1][0], pads[1][1]);
        return run(w, x, kernel, bias, relu);
    }

    private static void checkShapes(int[] xs, int[] ks, Tensor bias) {
        if (xs.length != 4 || ks.length != 4 || xs[3] != ks[2]) {
            throw ShapeException.of(NAME, xs, ks, "expected x (batch, height, width, channels) and kernel "
                    + "(kh, kw, channels, filters) with the same channels");
        }
        if (bias != null && (shape(bias).length != 1 || shape(bias)[0] != ks[3])) {
            throw ShapeException.of(NAME, ks, shape(bias),
                    "the bias must have shape (" + ks[3] + ",), one per filter");
        }
    }

    private static Tensor run(SlidingWindow w, Tensor x, Tensor kernel, Tensor bias, boolean relu) {
        int filters = shape(kernel)[3];
        boolean recorded = bias == null ? recording(x, kernel) : recording(x, kernel, bias);
        Convolution.Keep keep = !recorded ? Convolution.Keep.NOTHING
                : recording(kernel) ? Convolution.Keep.FOR_KERNEL_GRADIENT : Convolution.Keep.FOR_INPUT_GRADIENT;
        double[] y = newArray((int) w.positions() * filters);
        Convolution.Pass pass = Convolution.choose(w)
                .forward(w, data(x), data(kernel), filters, bias == null ? null : data(bias), relu, keep, y);
        Conv2DOp op = new Conv2DOp(pass, w, filters, bias != null);
        int[] outShape = {w.batch(), w.outHeight(), w.outWidth(), filters};
        return bias == null ? op.output(y, outShape, x, kernel) : op.output(y, outShape, x, kernel, bias);
    }

    @Override
    protected double[][] backward(double[] gradOut) {
        double[] dx = needsGrad(0) ? newArray((int) window.inputSize()) : null;
        double[] dKernel = needsGrad(1) ? newArray(window.patchSize() * filters) : null;
        double[] dBias = hasBias && needsGrad(2) ? newArray(filters) : null;
        pass.backward(gradOut, dx, dKernel, dBias);
        return hasBias ? new double[][] {dx, dKernel, dBias} : new double[][] {dx, dKernel};
    }
}
