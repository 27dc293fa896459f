package ai.lepton.autograd;

import ai.lepton.kernels.Gemm;
import ai.lepton.kernels.Parallel;
import ai.lepton.kernels.SlidingWindow;
import ai.lepton.kernels.Winograd;
import ai.lepton.kernels.Workspace;
import ai.lepton.tensor.Tensor;

/**
 * The same convolution as {@link Conv2DOp} for 3×3 kernels with stride 1, computed with
 * {@link Winograd}'s F(4×4, 3×3): per 4×4 output tile, 36 products per channel and filter
 * instead of 144. {@link Conv2DOp#apply} picks it for such kernels over at least
 * {@link #MIN_CHANNELS} input channels; results agree with im2col's up to rounding.
 *
 * <p>The batch goes through in groups of up to {@link #GROUP} images, each in three parallel
 * phases on {@link Parallel}'s threads. Forward: transform the input tiles into V (chunks of
 * {@link #IMAGES_PER_CHUNK} images); run the 36 products {@code M[ξ] = V[ξ] · U[ξ]}
 * against the transformed kernel U (one point per task); transform M back into the output with
 * the bias and ReLU (chunks of images). Backward: mask the gradient by the ReLU (summing the bias
 * gradient in the same pass) and transform it into {@code dM}; per point,
 * {@code dV[ξ] = dM[ξ] · U[ξ]ᵀ} and the kernel gradient {@code dU[ξ]ᵀ = dM[ξ]ᵀ · V[ξ]} (added
 * over groups in order); scatter dV back into dx; finally bring dU back to the kernel's shape.
 * Every chunk and every point is computed by one thread in a fixed order, so the results never
 * depend on the thread count. When the kernel needs a gradient, forward keeps the whole batch's
 * V (up to {@link Conv2DOp#KEEP_COLS_MAX} elements) for it; when anything does, it keeps U.
 *
 * <pre>{@code
 * Tensor maps = Tensor.rand(1, 32, 13, 13, 32);
 * Tensor filters = Tensor.randn(2, 3, 3, 32, 64);
 * Tensor out = Conv2DOp.apply(maps, filters, Tensor.zeros(64), 1, "valid", true);   // (32, 11, 11, 64), by this path
 * }</pre>
 */
final class Conv2DWinogradOp extends ConvolutionOp {

    /**
     * Fewest input channels for which the transforms pay for themselves: with fewer, the
     * products are too shallow (a first layer's single channel runs faster through im2col).
     */
    static final int MIN_CHANNELS = 8;

    /**
     * Images whose tiles go through the 36 products together: 16 of 13×13 maps give products of
     * 144 rows. Longer products run faster per row (one thread: 36 rows 25 GFLOP/s, 288 rows 45; the
     * kernel's packed panels are reused over more rows), while the group's transformed arrays
     * (2.7 MB for M and dM at 16 images) stay nearer the cache than 32 images' did: warm CNN epoch,
     * medians of alternating runs, 10.9 s with groups of 16, 11.3 s with 32 (8 was no faster).
     * Larger batches go group by group, so that predicting 1,000 images at once needs no more
     * scratch memory than training does.
     */
    static final int GROUP = 16;

    /** The whole batch's transformed input, until backward has used it; or null. */
    private double[] keptV;
    /** Forward's transformed kernel, until backward has used it; or null. */
    private double[] keptU;

    private Conv2DWinogradOp(SlidingWindow window, Tensor x, Tensor kernel, double[] y, boolean hasBias,
                             boolean relu, double[] keptV, double[] keptU) {
        super(window, x, kernel, y, hasBias, relu);
        this.keptV = keptV;
        this.keptU = keptU;
    }

    /**
     * Whether this op computes the convolution: a 3×3 kernel, stride 1, enough channels.
     *
     * @param w the convolution's geometry
     * @return true if {@link #apply} may be used
     */
    static boolean applies(SlidingWindow w) {
        return Winograd.supports(w) && w.channels() >= MIN_CHANNELS;
    }

    /**
     * The convolution of arguments {@link Conv2DOp#apply} has checked, for a window that
     * {@link #applies}.
     */
    static Tensor apply(SlidingWindow w, Tensor x, Tensor kernel, Tensor bias, boolean relu) {
        int batch = w.batch();
        int channels = w.channels();
        int filters = shape(kernel)[3];
        int tiles = Winograd.tilesPerImage(w);
        int inPerImage = w.height() * w.width() * channels;
        int outPerImage = w.outHeight() * w.outWidth() * filters;
        double[] xd = data(x);
        double[] bd = bias == null ? null : data(bias);
        double[] u = Workspace.take(Winograd.POINTS * channels * filters);
        Winograd.transformKernel(data(kernel), channels, filters, u);
        long vSize = (long) Winograd.POINTS * batch * tiles * channels;
        double[] kept = recording(kernel) && vSize <= KEEP_COLS_MAX ? Workspace.take((int) vSize) : null;
        double[] y = newArray(batch * outPerImage);
        for (int first = 0; first < batch; first += GROUP) {
            int images = Math.min(GROUP, batch - first);
            int rows = images * tiles;
            // The group's V: its rows of the kept batch-wide array, or an array of its own.
            double[] v = kept != null ? kept : Workspace.take(Winograd.POINTS * rows * channels);
            // Point ξ's matrices: rows (tiles) 36 points apart in the tile-major layout.
            int vRow = Winograd.POINTS * channels;
            int mRow = Winograd.POINTS * filters;
            int vOff = kept != null ? first * tiles * vRow : 0;
            int start = first;
            Parallel.forRange(images, IMAGES_PER_CHUNK, (from, to) -> Winograd.transformInput(
                    w, xd, (start + from) * inPerImage, to - from, v, vOff + from * tiles * vRow));
            double[] m = Workspace.take(Winograd.POINTS * rows * filters);
            Parallel.forRange(Winograd.POINTS, 1, (from, to) -> {
                for (int xi = from; xi < to; xi++) {
                    Gemm.gemm(false, false, rows, filters, channels, v, vOff + xi * channels, vRow,
                            u, xi * channels * filters, filters, m, xi * filters, mRow, false);
                }
            });
            Parallel.forRange(images, IMAGES_PER_CHUNK, (from, to) -> Winograd.transformOutput(
                    w, filters, m, from * tiles * mRow, to - from, y, (start + from) * outPerImage, bd, relu));
            Workspace.give(m);
            if (kept == null) {
                Workspace.give(v);
            }
        }
        boolean recorded = bias == null ? recording(x, kernel) : recording(x, kernel, bias);
        if (!recorded) {
            Workspace.give(u);
        }
        return new Conv2DWinogradOp(w, x, kernel, y, bias != null, relu, kept, recorded ? u : null).result(bias);
    }

    /**
     * The kernel's gradient from the transformed one's, held transposed ((ξ, f, c) rather than
     * (ξ, c, f)): the transform works element by element, so it runs on that layout as it is and
     * only its 3×3 result is turned back into (3, 3, c, f).
     */
    private double[] kernelGradient(double[] duT, int channels) {
        double[] transposed = Workspace.take(9 * channels * filters);
        Winograd.kernelGradient(duT, channels, filters, transposed);
        Workspace.give(duT);
        double[] dKernel = newArray(9 * channels * filters);
        for (int tap = 0; tap < 9; tap++) {
            int base = tap * channels * filters;
            for (int f = 0; f < filters; f++) {
                for (int c = 0; c < channels; c++) {
                    dKernel[base + c * filters + f] = transposed[base + f * channels + c];
                }
            }
        }
        Workspace.give(transposed);
        return dKernel;
    }

    @Override
    protected double[][] backward(double[] gradOut) {
        int batch = window.batch();
        int channels = window.channels();
        int tiles = Winograd.tilesPerImage(window);
        int inPerImage = window.height() * window.width() * channels;
        int outPerImage = window.outHeight() * window.outWidth() * filters;
        int chunks = chunks();
        boolean wantDx = needsGrad(0);
        boolean wantKernel = needsGrad(1);
        double[] xd = data(x);
        double[] u = keptU;
        keptU = null;
        if (u == null) {
            // A second backward over the same graph: forward's U has gone back to the pool.
            u = Workspace.take(Winograd.POINTS * channels * filters);
            Winograd.transformKernel(data(kernel), channels, filters, u);
        }
        double[] uu = u;
        double[] dx = wantDx ? newArray(batch * inPerImage) : null;
        double[] duT = wantKernel ? Workspace.take(Winograd.POINTS * channels * filters) : null;
        double[] biasParts = hasBias ? new double[chunks * filters] : null;
        double[] kept = keptV;
        keptV = null;
        for (int first = 0; first < batch; first += GROUP) {
            int images = Math.min(GROUP, batch - first);
            int rows = images * tiles;
            int start = first;
            // The group's gradient of M, and its V for the kernel gradient (kept, or built again).
            double[] dm = Workspace.take(Winograd.POINTS * rows * filters);
            double[] v = !wantKernel || kept != null ? kept : Workspace.take(Winograd.POINTS * rows * channels);
            // Point ξ's matrices: rows (tiles) 36 points apart in the tile-major layout.
            int vRow = Winograd.POINTS * channels;
            int mRow = Winograd.POINTS * filters;
            int vOff = kept != null ? first * tiles * vRow : 0;
            Parallel.forRange(images, IMAGES_PER_CHUNK, (from, to) -> {
                int off = (start + from) * outPerImage;
                int rowsOut = (to - from) * outPerImage / filters;
                int part = (start + from) / IMAGES_PER_CHUNK * filters;
                double[] g = maskedGradient(gradOut, y, off, rowsOut, filters, relu, biasParts, part);
                int gOff = g == gradOut ? off : 0;
                Winograd.outputGradient(window, filters, g, gOff, to - from, dm, from * tiles * mRow);
                if (g != gradOut) {
                    Workspace.give(g);
                }
                if (wantKernel && kept == null) {
                    Winograd.transformInput(window, xd, (start + from) * inPerImage, to - from, v, from * tiles * vRow);
                }
            });
            double[] dv = wantDx ? Workspace.take(Winograd.POINTS * rows * channels) : null;
            boolean accumulate = first > 0;
            Parallel.forRange(Winograd.POINTS, 1, (from, to) -> {
                for (int xi = from; xi < to; xi++) {
                    if (wantDx) {
                        Gemm.gemm(false, true, rows, channels, filters, dm, xi * filters, mRow,
                                uu, xi * channels * filters, filters, dv, xi * channels, vRow, false);
                    }
                    if (wantKernel) {
                        // dU[ξ]ᵀ = dM[ξ]ᵀ · V[ξ]: the packed operand is then V (channels wide), not dM
                        // (filters wide), which ran ~25% faster.
                        Gemm.gemm(true, false, filters, channels, rows, dm, xi * filters, mRow,
                                v, vOff + xi * channels, vRow, duT, xi * filters * channels, channels, accumulate);
                    }
                }
            });
            if (wantDx) {
                Parallel.forRange(images, IMAGES_PER_CHUNK, (from, to) -> Winograd.inputGradient(
                        window, dv, from * tiles * vRow, to - from, dx, (start + from) * inPerImage));
                Workspace.give(dv);
            }
            Workspace.give(dm);
            if (v != kept) {
                Workspace.give(v);
            }
        }
        Workspace.give(kept);
        Workspace.give(u);
        double[] dKernel = wantKernel ? kernelGradient(duT, channels) : null;
        return gradients(dx, dKernel, biasParts);
    }
}
