package ai.lepton.autograd;

import java.util.Arrays;

import ai.lepton.kernels.BiasRelu;
import ai.lepton.kernels.Gemm;
import ai.lepton.kernels.Im2Col;
import ai.lepton.kernels.SlidingWindow;
import ai.lepton.kernels.Workspace;
import ai.lepton.tensor.Tensor;

/**
 * What the three ways of computing a 2-D convolution share ({@link Conv2DOp}'s im2col,
 * {@link Conv2DWinogradOp}, {@link Conv2DDirectOp}): the geometry, operands and fused-ReLU output
 * that backward needs, the batch's fixed chunks of {@link #IMAGES_PER_CHUNK} images, and the
 * backward steps that do not depend on how the convolution was computed (the ReLU mask with the
 * bias sums, col2im's input gradient, summing the chunks' partial gradients in order).
 */
abstract class ConvolutionOp extends Op {

    /**
     * Images per parallel chunk. Fixed, so that the work split (and with it every bit of the
     * result) never depends on the thread count; 4 gives a batch of 32 eight chunks to share out,
     * and im2col matrices of at most ~1 MB for the second convolution of a small CNN.
     */
    static final int IMAGES_PER_CHUNK = 4;

    /**
     * The largest transformed or im2col input (in elements) that forward keeps for the kernel
     * gradient instead of backward rebuilding it: 8M doubles, 64 MB, e.g. the second convolution
     * of a small CNN up to a batch of ~900. Beyond it, memory matters more than the copy saved.
     */
    static final long KEEP_COLS_MAX = 8L << 20;

    /** The geometry, whose batch size is the whole batch's. */
    final SlidingWindow window;
    final Tensor x;
    final Tensor kernel;
    final int filters;
    final boolean hasBias;
    /** Whether a ReLU is fused into the output: backward masks the gradient by {@code y > 0}. */
    final boolean relu;
    /** The output, for backward's ReLU mask. */
    final double[] y;

    ConvolutionOp(SlidingWindow window, Tensor x, Tensor kernel, double[] y, boolean hasBias, boolean relu) {
        this.window = window;
        this.x = x;
        this.kernel = kernel;
        this.filters = shape(kernel)[3];
        this.hasBias = hasBias;
        this.relu = relu;
        this.y = y;
    }

    /** This op's output tensor, {@code (batch, outH, outW, filters)}, recorded with its inputs. */
    final Tensor result(Tensor bias) {
        int[] outShape = {window.batch(), window.outHeight(), window.outWidth(), filters};
        return bias == null ? output(y, outShape, x, kernel) : output(y, outShape, x, kernel, bias);
    }

    /** The number of chunks of {@link #IMAGES_PER_CHUNK} images in the batch. */
    final int chunks() {
        return (window.batch() + IMAGES_PER_CHUNK - 1) / IMAGES_PER_CHUNK;
    }

    /** Backward's result: the bias gradient summed from one partial per chunk, when there is a bias. */
    final double[][] gradients(double[] dx, double[] dKernel, double[] biasParts) {
        return hasBias ? new double[][] {dx, dKernel, sumParts(biasParts, chunks(), filters)}
                : new double[][] {dx, dKernel};
    }

    /** The geometry of {@code images} images of the same size as {@code w}'s. */
    static SlidingWindow chunk(SlidingWindow w, int images) {
        return new SlidingWindow(images, w.height(), w.width(), w.channels(), w.kernelH(), w.kernelW(),
                w.strideH(), w.strideW(), w.dilationH(), w.dilationW(), w.padTop(), w.padBottom(), w.padLeft(), w.padRight());
    }

    /**
     * The gradient of a rows×filters block of the output from {@code off}, through the fused ReLU
     * when {@code relu} (masked by {@code y > 0} into a {@link Workspace} array, read from 0), or
     * {@code gradOut} itself (read from {@code off}); with {@code sums}, the block's column sums
     * (the bias gradient) go to {@code sums[sumsOff...]} in the same pass. The caller gives back a
     * returned array that is not {@code gradOut}.
     */
    static double[] maskedGradient(double[] gradOut, double[] y, int off, int rows, int filters, boolean relu,
                                   double[] sums, int sumsOff) {
        if (relu) {
            double[] g = Workspace.take(rows * filters);
            BiasRelu.backward(gradOut, off, y, off, g, 0, rows, filters, sums, sumsOff);
            return g;
        }
        if (sums != null) {
            BiasRelu.columnSums(gradOut, off, rows, filters, sums, sumsOff);
        }
        return gradOut;
    }

    /**
     * The input gradient of the images of {@code cw} (a chunk of the batch): col2im of
     * {@code g · kernelᵀ}, overwriting their part of dx.
     */
    static void inputGradient(SlidingWindow cw, double[] g, int gOff, double[] kernel, int filters, double[] dx,
                              int dxOff) {
        int rows = (int) cw.positions();
        int patch = cw.patchSize();
        double[] dCols = Workspace.take(rows * patch);
        Gemm.gemm(false, true, rows, patch, filters, g, gOff, filters, kernel, 0, filters, dCols, 0, patch, false);
        Arrays.fill(dx, dxOff, dxOff + (int) cw.inputSize(), 0.0);
        Im2Col.col2im(cw, dCols, 0, dx, dxOff);
        Workspace.give(dCols);
    }

    /** The sum of {@code count} consecutive arrays of {@code length} in {@code parts}, added in order. */
    static double[] sumParts(double[] parts, int count, int length) {
        double[] sum = newArray(length);
        System.arraycopy(parts, 0, sum, 0, length);
        for (int c = 1; c < count; c++) {
            int base = c * length;
            for (int i = 0; i < length; i++) {
                sum[i] += parts[base + i];
            }
        }
        return sum;
    }
}
