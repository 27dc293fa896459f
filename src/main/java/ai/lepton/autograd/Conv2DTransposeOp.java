package ai.lepton.autograd;

import ai.lepton.kernels.SlidingWindow;
import ai.lepton.kernels.TransposedConvolution;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;

/**
 * Transposed 2-D convolution of a channels-last batch (TensorFlow's {@code conv2d_transpose},
 * Keras's {@code Conv2DTranspose} without bias): the input gradient of the direct convolution
 * that takes a {@code (batch, outH, outW, filters)} image, with {@code before} zeros above and
 * left of it, to x's size. Each input pixel scatters its channels times the kernel into a
 * window of the output:
 * {@code y[b, i s - top + p d, j s - left + q d, f] += Σ_c x[b, i, j, c] kernel[p, q, f, c]}.
 * Output rows and columns past every window (an {@code output_padding} larger than the padding
 * after) are zeros. Backward: {@code dx} is the direct convolution of {@code dy}, and
 * {@code dKernel = im2col(dy)ᵀ · x}; the computing is {@link TransposedConvolution}'s.
 *
 * <p>Shapes: x {@code (batch, h, w, c)}, kernel {@code (kh, kw, filters, c)} (Keras's), y
 * {@code (batch, outH, outW, filters)}.
 *
 * <pre>{@code
 * Tensor up = Conv2DTransposeOp.apply(images, Tensor.randn(1, 3, 3, 4, 1), new int[] {2, 2}, new int[] {1, 1},
 *         new int[] {56, 56}, new int[] {0, 0});   // (32, 28, 28, 1) -> (32, 56, 56, 4)
 * }</pre>
 */
public final class Conv2DTransposeOp extends Op {
    private static final String NAME = "conv2d_transpose";

    private final SlidingWindow window;
    private final Tensor x;
    private final Tensor kernel;

    private Conv2DTransposeOp(SlidingWindow window, Tensor x, Tensor kernel) {
        this.window = window;
        this.x = x;
        this.kernel = kernel;
    }

    /**
     * @param x the batch, {@code (batch, h, w, c)}
     * @param kernel {@code (kh, kw, filters, c)}
     * @param strides {@code {sh, sw}}, positive (not modified)
     * @param dilation {@code {dh, dw}}, positive (not modified)
     * @param outputSize {@code {outH, outW}}, the output's height and width (not modified)
     * @param before {@code {top, left}}: the zeros before the output in the direct convolution's
     *        view, each at least 0 and below the window's span (not modified)
     * @return {@code (batch, outH, outW, filters)}
     * @throws ShapeException if the ranks or channels disagree, or the output size does not give x's size back
     */
    public static Tensor apply(Tensor x, Tensor kernel, int[] strides, int[] dilation, int[] outputSize, int[] before) {
        int[] xs = shape(x);
        int[] ks = shape(kernel);
        if (xs.length != 4 || ks.length != 4 || xs[3] != ks[3]) {
            throw ShapeException.of(NAME, xs, ks, "expected x (batch, height, width, channels) and kernel "
                    + "(kh, kw, filters, channels) with the same channels");
        }
        int[] covered = new int[2];
        int[] after = new int[2];
        for (int a = 0; a < 2; a++) {
            int span = dilation[a] * (ks[a] - 1) + 1;
            int reach = (xs[a + 1] - 1) * strides[a] + span - before[a];
            covered[a] = Math.min(outputSize[a], reach);
            after[a] = reach - covered[a];
            if (covered[a] < 1 || before[a] < 0 || before[a] >= span || after[a] >= span
                    || covered[a] + before[a] + after[a] < span) {
                throw ShapeException.of(NAME, xs, ks, "the output size " + outputSize[a] + " with " + before[a]
                        + " zeros before does not give the input's size " + xs[a + 1] + " back at stride " + strides[a]);
            }
        }
        SlidingWindow w = new SlidingWindow(xs[0], covered[0], covered[1], ks[2], ks[0], ks[1], strides[0], strides[1],
                dilation[0], dilation[1], before[0], after[0], before[1], after[1]);
        double[] y = newArray((int) w.inputSize());
        TransposedConvolution.forward(w, data(x), data(kernel), xs[3], y);
        Tensor core = new Conv2DTransposeOp(w, x, kernel).output(y, new int[] {xs[0], covered[0], covered[1], ks[2]}, x, kernel);
        if (covered[0] == outputSize[0] && covered[1] == outputSize[1]) {
            return core;
        }
        return Pad.apply(core, new int[][] {{0, 0}, {0, outputSize[0] - covered[0]}, {0, outputSize[1] - covered[1]}, {0, 0}});
    }

    @Override
    protected double[][] backward(double[] gradOut) {
        double[] dx = needsGrad(0) ? newArray(data(x).length) : null;
        double[] dKernel = needsGrad(1) ? newArray(data(kernel).length) : null;
        TransposedConvolution.backward(window, data(x), data(kernel), shape(x)[3], gradOut, dx, dKernel);
        return new double[][] {dx, dKernel};
    }
}
