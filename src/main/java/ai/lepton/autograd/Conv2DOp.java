package ai.lepton.autograd;

import ai.lepton.kernels.Gemm;
import ai.lepton.kernels.Im2Col;
import ai.lepton.kernels.Parallel;
import ai.lepton.kernels.SlidingWindow;
import ai.lepton.kernels.Workspace;
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
 * The bias and, with {@code relu}, {@code y = max(conv + bias, 0)} are applied inside the GEMM
 * to each block of y as soon as it is complete; in backward {@code g} is masked by {@code y > 0}
 * and summed for the bias gradient in one pass. This saves the separate activation op's output
 * and its passes.
 *
 * <p>Two kinds of convolution take another path, with the same results up to rounding: 3×3
 * kernels with stride 1 over at least {@link Conv2DWinogradOp#MIN_CHANNELS} channels,
 * {@link Conv2DWinogradOp}'s Winograd transforms (3–4× fewer multiplications), and inputs with
 * fewer channels than that, {@link Conv2DDirectOp}'s direct sums (a first layer's gray or RGB
 * pixels, whose im2col GEMM is too shallow to run well). This class computes the rest: strided
 * or larger kernels over many channels.
 *
 * <p>The batch is cut into fixed chunks of {@link #IMAGES_PER_CHUNK} images, run on
 * {@link Parallel}'s threads: each chunk builds its slice of the im2col matrix (small enough to
 * stay in cache between im2col and the GEMM), multiplies it with the epilogue into its slice
 * of y. In backward each chunk computes its slice of dx and a partial kernel and bias
 * gradient, and the partials are summed in chunk order, so the result never depends on the
 * thread count. When the kernel needs a gradient, forward keeps the whole batch's im2col matrix
 * (up to {@link #KEEP_COLS_MAX} elements) for backward's {@code colsᵀ · g} instead of backward
 * building it again; inference builds one chunk's at a time. Every temporary comes from
 * {@link Workspace}, so training allocates none of them per batch and concurrent
 * {@code predict} calls never share one.
 *
 * <pre>{@code
 * Tensor y = Conv2DOp.apply(images, kernel, bias, 2, "same");   // (32, 28, 28, 1) -> (32, 14, 14, filters)
 * }</pre>
 */
public final class Conv2DOp extends ConvolutionOp {
    private static final String NAME = "conv2d";

    /** The forward pass's im2col matrix of the whole batch, until backward has used it; or null. */
    private double[] keptCols;

    private Conv2DOp(SlidingWindow window, Tensor x, Tensor kernel, double[] y, boolean hasBias, boolean relu,
                     double[] keptCols) {
        super(window, x, kernel, y, hasBias, relu);
        this.keptCols = keptCols;
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
        if (Conv2DWinogradOp.applies(w)) {
            return Conv2DWinogradOp.apply(w, x, kernel, bias, relu);
        }
        if (Conv2DDirectOp.applies(w)) {
            return Conv2DDirectOp.apply(w, x, kernel, bias, relu);
        }
        int patch = w.patchSize();
        int filters = ks[3];
        int perImage = w.outHeight() * w.outWidth();
        int inPerImage = xs[1] * xs[2] * xs[3];
        double[] xd = data(x);
        double[] kd = data(kernel);
        double[] bd = bias == null ? null : data(bias);
        double[] y = newArray((int) w.positions() * filters);
        long colsSize = w.positions() * patch;
        double[] kept = recording(kernel) && colsSize <= KEEP_COLS_MAX
                ? Workspace.take((int) colsSize) : null;
        Parallel.forRange(xs[0], IMAGES_PER_CHUNK, (from, to) -> {
            int rows = (to - from) * perImage;
            int row0 = from * perImage;
            double[] cols = kept != null ? kept : Workspace.take(rows * patch);
            int colsOff = kept != null ? row0 * patch : 0;
            Im2Col.im2col(chunk(w, to - from), xd, from * inPerImage, cols, colsOff);
            Gemm.gemm(false, false, rows, filters, patch, cols, colsOff, patch, kd, 0, filters,
                    y, row0 * filters, filters, bd, relu);
            if (kept == null) {
                Workspace.give(cols);
            }
        });
        return new Conv2DOp(w, x, kernel, y, bias != null, relu, kept).result(bias);
    }

    @Override
    protected double[][] backward(double[] gradOut) {
        int batch = window.batch();
        int patch = window.patchSize();
        int perImage = window.outHeight() * window.outWidth();
        int inPerImage = window.height() * window.width() * window.channels();
        int chunks = chunks();
        boolean wantDx = needsGrad(0);
        boolean wantKernel = needsGrad(1);
        double[] xd = data(x);
        double[] kd = data(kernel);
        double[] dx = wantDx ? newArray((int) window.inputSize()) : null;
        // One partial kernel and bias gradient per chunk, summed in chunk order below.
        double[] kernelParts = wantKernel ? Workspace.take(chunks * patch * filters) : null;
        double[] biasParts = hasBias ? new double[chunks * filters] : null;
        double[] kept = keptCols;
        Parallel.forRange(batch, IMAGES_PER_CHUNK, (from, to) -> {
            int c = from / IMAGES_PER_CHUNK;
            int rows = (to - from) * perImage;
            int off = from * perImage * filters;
            double[] g = maskedGradient(gradOut, y, off, rows, filters, relu, biasParts, c * filters);
            int gOff = g == gradOut ? off : 0;
            SlidingWindow cw = chunk(window, to - from);
            if (wantDx) {
                inputGradient(cw, g, gOff, kd, filters, dx, from * inPerImage);
            }
            if (wantKernel) {
                double[] cols = kept != null ? kept : Workspace.take(rows * patch);
                int colsOff = kept != null ? from * perImage * patch : 0;
                if (kept == null) {
                    Im2Col.im2col(cw, xd, from * inPerImage, cols, 0);
                }
                Gemm.gemm(true, false, patch, filters, rows, cols, colsOff, patch, g, gOff, filters,
                        kernelParts, c * patch * filters, filters, false);
                if (kept == null) {
                    Workspace.give(cols);
                }
            }
            if (g != gradOut) {
                Workspace.give(g);
            }
        });
        if (kept != null) {
            // A second backward over the same graph rebuilds the matrix chunk by chunk instead.
            keptCols = null;
            Workspace.give(kept);
        }
        double[] dKernel = wantKernel ? sumParts(kernelParts, chunks, patch * filters) : null;
        Workspace.give(kernelParts);
        return gradients(dx, dKernel, biasParts);
    }
}
