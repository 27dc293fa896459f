package ai.lepton.kernels;

import java.util.Arrays;

/**
 * {@link Convolution} by {@link DirectConv}'s sums, for inputs with fewer than
 * {@link Convolution#DEEP_CHANNELS} channels (a first layer's gray or RGB pixels): no im2col
 * matrix, the bias and ReLU applied as each output is summed, and in backward the ReLU's mask and
 * the bias gradient folded into the kernel gradient's pass. Forward keeps nothing.
 *
 * <p>Each chunk of images adds into its own partial kernel and bias gradient, summed in chunk
 * order. The input gradient (not needed for a first layer) goes through im2col's transposed
 * product and col2im, chunk by chunk.
 */
final class DirectConvolution extends Convolution {

    static final DirectConvolution INSTANCE = new DirectConvolution();

    private DirectConvolution() {
    }

    /**
     * Whether this algorithm should compute the convolution: fewer input channels than the
     * products need, and no dilation.
     */
    static boolean supports(SlidingWindow w) {
        return w.channels() < DEEP_CHANNELS && w.undilated();
    }

    @Override
    Pass run(Operands op, Keep keep) {
        SlidingWindow w = op.window();
        int inPerImage = op.inPerImage();
        int outPerImage = op.outPerImage();
        Parallel.forRange(w.batch(), IMAGES_PER_CHUNK, (from, to) -> DirectConv.forward(w, op.x(), from * inPerImage,
                to - from, op.kernel(), op.filters(), op.bias(), op.relu(), op.y(), from * outPerImage));
        return new DirectPass(op);
    }

    /** The pass: the operands alone. */
    private static final class DirectPass extends Pass {

        DirectPass(Operands op) {
            super(op);
        }

        @Override
        void gradients(double[] gradOut, double[] dx, double[] dKernel, double[] dBias) {
            SlidingWindow w = op.window();
            int patch = w.patchSize();
            int filters = op.filters();
            int inPerImage = op.inPerImage();
            int outPerImage = op.outPerImage();
            int chunks = op.chunks();
            double[] y = op.y();
            try (Scratch scratch = Scratch.open()) {
                // One partial kernel and bias gradient per chunk, summed in chunk order below. (The
                // kernel's is computed even when only the bias needs a gradient: the same pass.)
                double[] kernelParts = dKernel != null || dBias != null ? scratch.take(chunks * patch * filters) : null;
                double[] biasParts = dBias != null ? new double[chunks * filters] : null;
                Parallel.forRange(w.batch(), IMAGES_PER_CHUNK, (from, to) -> {
                    int c = from / IMAGES_PER_CHUNK;
                    if (kernelParts != null) {
                        Arrays.fill(kernelParts, c * patch * filters, (c + 1) * patch * filters, 0.0);
                        DirectConv.kernelGradient(w, op.x(), from * inPerImage, to - from, gradOut,
                                op.relu() ? y : null, from * outPerImage, filters, kernelParts, c * patch * filters,
                                biasParts, c * filters);
                    }
                    if (dx != null) {
                        int off = from * outPerImage;
                        try (Scratch chunkScratch = Scratch.open()) {
                            double[] g = maskedGradient(gradOut, y, off, (to - from) * outPerImage / filters, filters,
                                    op.relu(), null, 0, chunkScratch);
                            inputGradient(w.withBatch(to - from), g, g == gradOut ? off : 0, op.kernel(), filters, dx,
                                    from * inPerImage);
                        }
                    }
                });
                if (dKernel != null) {
                    sumParts(kernelParts, chunks, patch * filters, dKernel);
                }
                if (dBias != null) {
                    sumParts(biasParts, chunks, filters, dBias);
                }
            }
        }
    }
}
