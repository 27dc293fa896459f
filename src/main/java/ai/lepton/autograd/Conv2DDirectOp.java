package ai.lepton.autograd;

import java.util.Arrays;

import ai.lepton.kernels.DirectConv;
import ai.lepton.kernels.Parallel;
import ai.lepton.kernels.SlidingWindow;
import ai.lepton.kernels.Workspace;
import ai.lepton.tensor.Tensor;

/**
 * The same convolution as {@link Conv2DOp} for inputs with fewer than
 * {@link Conv2DWinogradOp#MIN_CHANNELS} channels, computed by {@link DirectConv}: no im2col
 * matrix, the bias and ReLU applied as each output is summed, and in backward the ReLU's mask
 * and the bias gradient folded into the kernel gradient's pass. {@link Conv2DOp#apply} picks it
 * for such inputs; results agree with im2col's up to rounding.
 *
 * <p>Work is cut into chunks of {@link #IMAGES_PER_CHUNK} images on {@link Parallel}'s
 * threads; each chunk adds into its own partial kernel and bias gradient, summed in chunk order,
 * so results never depend on the thread count. The input gradient (not needed for a first
 * layer) goes through im2col's transposed product and col2im, chunk by chunk.
 *
 * <pre>{@code
 * Tensor out = Conv2DOp.apply(images, kernel, bias, 1, "valid", true);   // (32, 28, 28, 1) -> (32, 26, 26, 8), by this path
 * }</pre>
 */
final class Conv2DDirectOp extends ConvolutionOp {

    private Conv2DDirectOp(SlidingWindow window, Tensor x, Tensor kernel, double[] y, boolean hasBias, boolean relu) {
        super(window, x, kernel, y, hasBias, relu);
    }

    /**
     * Whether this op computes the convolution: fewer input channels than the Winograd path needs.
     *
     * @param w the convolution's geometry
     * @return true if {@link #apply} should be used
     */
    static boolean applies(SlidingWindow w) {
        return w.channels() < Conv2DWinogradOp.MIN_CHANNELS;
    }

    /** The convolution of arguments {@link Conv2DOp#apply} has checked. */
    static Tensor apply(SlidingWindow w, Tensor x, Tensor kernel, Tensor bias, boolean relu) {
        int filters = shape(kernel)[3];
        int inPerImage = w.height() * w.width() * w.channels();
        int outPerImage = w.outHeight() * w.outWidth() * filters;
        double[] xd = data(x);
        double[] kd = data(kernel);
        double[] bd = bias == null ? null : data(bias);
        double[] y = newArray(w.batch() * outPerImage);
        Parallel.forRange(w.batch(), IMAGES_PER_CHUNK, (from, to) -> DirectConv.forward(
                w, xd, from * inPerImage, to - from, kd, filters, bd, relu, y, from * outPerImage));
        return new Conv2DDirectOp(w, x, kernel, y, bias != null, relu).result(bias);
    }

    @Override
    protected double[][] backward(double[] gradOut) {
        int batch = window.batch();
        int patch = window.patchSize();
        int inPerImage = window.height() * window.width() * window.channels();
        int outPerImage = window.outHeight() * window.outWidth() * filters;
        int chunks = chunks();
        boolean wantDx = needsGrad(0);
        boolean wantKernel = needsGrad(1);
        double[] xd = data(x);
        double[] kd = data(kernel);
        double[] dx = wantDx ? newArray(batch * inPerImage) : null;
        // One partial kernel and bias gradient per chunk, summed in chunk order below. (The
        // kernel's is computed even when only the bias needs a gradient: the same pass.)
        double[] kernelParts = Workspace.take(chunks * patch * filters);
        double[] biasParts = hasBias ? new double[chunks * filters] : null;
        Parallel.forRange(batch, IMAGES_PER_CHUNK, (from, to) -> {
            int c = from / IMAGES_PER_CHUNK;
            Arrays.fill(kernelParts, c * patch * filters, (c + 1) * patch * filters, 0.0);
            DirectConv.kernelGradient(window, xd, from * inPerImage, to - from, gradOut, relu ? y : null,
                    from * outPerImage, filters, kernelParts, c * patch * filters, biasParts, c * filters);
            if (wantDx) {
                int off = from * outPerImage;
                double[] g = maskedGradient(gradOut, y, off, (to - from) * outPerImage / filters, filters,
                        relu, null, 0);
                inputGradient(chunk(window, to - from), g, g == gradOut ? off : 0, kd, filters,
                        dx, from * inPerImage);
                if (g != gradOut) {
                    Workspace.give(g);
                }
            }
        });
        double[] dKernel = wantKernel ? sumParts(kernelParts, chunks, patch * filters) : null;
        Workspace.give(kernelParts);
        return gradients(dx, dKernel, biasParts);
    }
}
