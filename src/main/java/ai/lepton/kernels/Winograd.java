package ai.lepton.kernels;

import java.util.Arrays;

/**
 * Winograd's minimal filtering F(4×4, 3×3) (Lavin and Gray, "Fast Algorithms for Convolutional
 * Neural Networks", 2016) for 3×3, stride-1 convolutions of channels-last batches, with the
 * adjoint of every transform for backward.
 *
 * <p>The output is cut into 4×4 tiles; each reads a 6×6 patch of the input (rows and columns
 * {@code 4·tile − pad} to {@code 4·tile − pad + 5}, zero outside the input). Per tile, channel
 * and filter the convolution is {@code Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A}, so over channels it is 36
 * independent matrix products, one per point ξ of the 6×6 transformed tile:
 * {@code M[ξ] (tiles × filters) = V[ξ] (tiles × channels) · U[ξ] (channels × filters)}, with
 * {@code V = Bᵀ d B} ({@link #transformInput}), {@code U = G g Gᵀ} ({@link #transformKernel}) and
 * {@code Y = Aᵀ M A} ({@link #transformOutput}). A 4×4 tile then costs 36 multiplications per
 * channel and filter instead of 144: 4× fewer (3.4× for an 11×11 output, whose 3×3 tiles cover
 * 12×12). Backward runs the same products on the adjoints: the output gradient
 * {@code dM = A dY Aᵀ} ({@link #outputGradient}), {@code dV[ξ] = dM[ξ] · U[ξ]ᵀ} scattered back by
 * {@code dx = B dV Bᵀ} ({@link #inputGradient}), and {@code dU[ξ] = V[ξ]ᵀ · dM[ξ]} brought back
 * by {@code dg = Gᵀ dU G} ({@link #kernelGradient}).
 *
 * <p>Layouts: a transformed batch is tile-major, element (ξ, t, c) at
 * {@code off + (t·36 + ξ)·channels + c}, where tile t = (image·tilesH + tileRow)·tilesW + tileCol
 * counts from the first image passed: each tile's 36 points lie together, so a transform reads or
 * writes one contiguous block per tile, and the product for point ξ reads and writes rows
 * {@code 36·channels} apart (its leading dimension). A transformed kernel holds (ξ, c, f) at
 * {@code (ξ·channels + c)·filters + f}.
 * The 1-D transforms ({@link WinogradLoops}) run over whole rows of channels at once, on the
 * Vector API when {@link Gemm} uses it.
 * The arithmetic is exact up to rounding (relative error ~1e-15 in double precision against
 * the direct sum), not bit-identical to it.
 *
 * <pre>{@code
 * int c = 2, f = 3;
 * SlidingWindow w = new SlidingWindow(1, 6, 6, c, 3, 3, 1, 1, Padding.VALID);   // one 4×4 output tile
 * double[] image = Tensor.randn(1, 6, 6, c).toArray();
 * double[] filters = Tensor.randn(2, 3, 3, c, f).toArray();
 * double[] u = new double[Winograd.POINTS * c * f];
 * double[] v = new double[Winograd.POINTS * c];
 * double[] m = new double[Winograd.POINTS * f];
 * double[] out = new double[4 * 4 * f];
 * Winograd.transformKernel(filters, c, f, u);
 * Winograd.transformInput(w, image, 0, 1, v, 0);
 * for (int xi = 0; xi < Winograd.POINTS; xi++) {
 *     Gemm.gemm(false, false, 1, f, c, v, xi * c, c, u, xi * c * f, f, m, xi * f, f, false);
 * }
 * Winograd.transformOutput(w, f, m, 0, 1, out, 0, null, false);   // out: the (1, 4, 4, f) convolution
 * }</pre>
 */
public final class Winograd {

    /** Output pixels per tile side. */
    public static final int TILE = 4;

    /** Input pixels per tile side: the tile plus the kernel's reach, 4 + 3 − 1. */
    static final int SPAN = 6;

    /** Points of a transformed tile, 6×6: the number of independent products. */
    public static final int POINTS = SPAN * SPAN;

    /** The 1-D transforms: on the Vector API when the GEMM is. */
    private static final WinogradLoops ROWS = WinogradLoops.SELECTED;

    /** Each thread's two scratch tiles, kept between calls: a tile and its half-transformed form. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[2][0]);

    private Winograd() {
    }

    /**
     * Whether the window is one this class computes: a 3×3 kernel with stride 1 and no dilation
     * (any padding).
     *
     * @param w the convolution's geometry
     * @return true for 3×3 stride 1
     */
    public static boolean supports(SlidingWindow w) {
        return w.kernelH() == 3 && w.kernelW() == 3 && w.strideH() == 1 && w.strideW() == 1 && w.undilated();
    }

    /**
     * The number of 4×4 output tiles of one image: ⌈outHeight / 4⌉·⌈outWidth / 4⌉.
     *
     * @param w the convolution's geometry
     * @return tiles per image
     */
    public static int tilesPerImage(SlidingWindow w) {
        return tilesH(w) * tilesW(w);
    }

    private static int tilesH(SlidingWindow w) {
        return (w.outHeight() + TILE - 1) / TILE;
    }

    private static int tilesW(SlidingWindow w) {
        return (w.outWidth() + TILE - 1) / TILE;
    }

    // ---------------------------------------------------------------------------------------
    // The kernel: U = G g Gᵀ, and its adjoint dg = Gᵀ dU G.

    /**
     * Transforms a {@code (3, 3, channels, filters)} kernel: {@code u[(ξ·channels + c)·filters + f]}.
     *
     * @param kernel   the kernel, row-major (not modified)
     * @param channels input channels
     * @param filters  output channels
     * @param u        the result, at least {@code POINTS·channels·filters} long (overwritten)
     */
    public static void transformKernel(double[] kernel, int channels, int filters, double[] u) {
        int n = channels * filters;
        try (Scratch scratch = Scratch.open()) {
            double[] half = scratch.take(SPAN * 3 * n);
            // Along the kernel's rows r for each column s: half[a][s] = Σ_r G[a][r] g[r][s].
            for (int s = 0; s < 3; s++) {
                ROWS.kernelForward(kernel, s * n, 3 * n, half, s * n, 3 * n, n);
            }
            // Along the columns: u[a][b] = Σ_s half[a][s] G[b][s].
            for (int a = 0; a < SPAN; a++) {
                ROWS.kernelForward(half, a * 3 * n, n, u, a * SPAN * n, n, n);
            }
        }
    }

    /**
     * The kernel gradient from the transformed one's: {@code dg = Gᵀ dU G}, the adjoint of
     * {@link #transformKernel}. It works on each point's channels×filters block element by
     * element, so a block stored transposed (filters×channels) gives each tap's block transposed.
     *
     * @param du       the gradient of u, in u's layout (not modified)
     * @param channels input channels
     * @param filters  output channels
     * @param dKernel  the {@code (3, 3, channels, filters)} gradient (overwritten)
     */
    public static void kernelGradient(double[] du, int channels, int filters, double[] dKernel) {
        int n = channels * filters;
        try (Scratch scratch = Scratch.open()) {
            double[] half = scratch.take(SPAN * 3 * n);
            // half[a][s] = Σ_b dU[a][b] G[b][s]
            for (int a = 0; a < SPAN; a++) {
                ROWS.kernelAdjoint(du, a * SPAN * n, n, half, a * 3 * n, n, n);
            }
            // dg[r][s] = Σ_a G[a][r] half[a][s]
            for (int s = 0; s < 3; s++) {
                ROWS.kernelAdjoint(half, s * n, 3 * n, dKernel, s * n, 3 * n, n);
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // The input: V = Bᵀ d B, and its adjoint dx = B dV Bᵀ.

    /**
     * Transforms the 6×6 input patch of every tile of {@code images} images.
     *
     * @param w      the convolution's geometry (its batch size is not used)
     * @param x      the input batch, channels-last (not modified)
     * @param xOff   index of the first image's first element
     * @param images number of images to transform
     * @param v      the result, element (ξ, t, c) at {@code vOff + (t·36 + ξ)·channels + c}
     * @param vOff   index of the first image's first tile
     */
    public static void transformInput(SlidingWindow w, double[] x, int xOff, int images, double[] v, int vOff) {
        int c = w.channels();
        int rowLen = SPAN * c;
        double[] patch = scratch(0, POINTS * c);
        double[] half = scratch(1, POINTS * c);
        forEachTile(w, images, (image, tileRow, tileCol, t) -> {
            gather(w, x, xOff + image * w.height() * w.width() * c, tileRow, tileCol, patch);
            // Along the patch's rows i, all columns at once: half[a][j] = Σ_i Bᵀ[a][i] d[i][j].
            ROWS.inputForward(patch, 0, rowLen, half, 0, rowLen, rowLen);
            // Along the columns: v[a][b] = Σ_j half[a][j] Bᵀ[b][j].
            for (int a = 0; a < SPAN; a++) {
                ROWS.inputForward(half, a * rowLen, c, v, vOff + (t * POINTS + a * SPAN) * c, c, c);
            }
        });
    }

    /**
     * The input gradient from the transformed input's: {@code dx = B dV Bᵀ} per tile, patches
     * added where they overlap and dropped outside the input; the adjoint of
     * {@link #transformInput}. Overwrites the images' gradient.
     *
     * @param w      the convolution's geometry (its batch size is not used)
     * @param dv     the gradient of v, in v's layout (not modified)
     * @param dvOff  index of the first image's first tile
     * @param images number of images
     * @param dx     the input gradient, channels-last (overwritten for these images)
     * @param dxOff  index of the first image's first element
     */
    public static void inputGradient(SlidingWindow w, double[] dv, int dvOff, int images, double[] dx, int dxOff) {
        int c = w.channels();
        int rowLen = SPAN * c;
        int imageSize = w.height() * w.width() * c;
        Arrays.fill(dx, dxOff, dxOff + images * imageSize, 0.0);
        double[] half = scratch(0, POINTS * c);
        double[] patch = scratch(1, POINTS * c);
        forEachTile(w, images, (image, tileRow, tileCol, t) -> {
            // half[a][j] = Σ_b dV[a][b] Bᵀ[b][j]
            for (int a = 0; a < SPAN; a++) {
                ROWS.inputAdjoint(dv, dvOff + (t * POINTS + a * SPAN) * c, c, half, a * rowLen, c, c);
            }
            // dd[i][j] = Σ_a Bᵀ[a][i] half[a][j], all columns at once
            ROWS.inputAdjoint(half, 0, rowLen, patch, 0, rowLen, rowLen);
            scatterAdd(w, patch, dx, dxOff + image * imageSize, tileRow, tileCol);
        });
    }

    /**
     * Copies a tile's 6×6×channels input patch to {@code patch}, with zeros outside the image.
     */
    private static void gather(SlidingWindow w, double[] x, int imageOff, int tileRow, int tileCol,
                               double[] patch) {
        int c = w.channels();
        int row0 = tileRow * TILE - w.padTop();
        int col0 = tileCol * TILE - w.padLeft();
        int colFrom = Math.max(0, -col0);
        int colTo = Math.min(SPAN, w.width() - col0);
        for (int i = 0; i < SPAN; i++) {
            int rowOff = i * SPAN * c;
            int row = row0 + i;
            if (row < 0 || row >= w.height() || colFrom >= colTo) {
                Arrays.fill(patch, rowOff, rowOff + SPAN * c, 0.0);
                continue;
            }
            Arrays.fill(patch, rowOff, rowOff + colFrom * c, 0.0);
            System.arraycopy(x, imageOff + (row * w.width() + col0 + colFrom) * c, patch, rowOff + colFrom * c,
                    (colTo - colFrom) * c);
            Arrays.fill(patch, rowOff + colTo * c, rowOff + SPAN * c, 0.0);
        }
    }

    /** Adds a tile's 6×6×channels patch gradient to the image's, dropping what lies outside it. */
    private static void scatterAdd(SlidingWindow w, double[] patch, double[] dx, int imageOff,
                                   int tileRow, int tileCol) {
        int c = w.channels();
        int row0 = tileRow * TILE - w.padTop();
        int col0 = tileCol * TILE - w.padLeft();
        int colFrom = Math.max(0, -col0);
        int colTo = Math.min(SPAN, w.width() - col0);
        int length = (colTo - colFrom) * c;
        for (int i = Math.max(0, -row0); i < SPAN && row0 + i < w.height(); i++) {
            int src = (i * SPAN + colFrom) * c;
            int dst = imageOff + ((row0 + i) * w.width() + col0 + colFrom) * c;
            for (int k = 0; k < length; k++) {
                dx[dst + k] += patch[src + k];
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // The output: Y = Aᵀ M A, and its adjoint dM = A dY Aᵀ.

    /**
     * Turns the products back into output tiles, {@code y = Aᵀ M A}, keeps the part inside the
     * output and applies the bias and ReLU exactly as {@link BiasRelu#forward} does.
     *
     * @param w       the convolution's geometry (its batch size is not used)
     * @param filters output channels
     * @param m       the products, element (ξ, t, f) at {@code mOff + (t·36 + ξ)·filters + f} (not modified)
     * @param mOff    index of the first image's first tile
     * @param images  number of images
     * @param y       the output batch, channels-last (overwritten for these images)
     * @param yOff    index of the first image's first element
     * @param bias    one value per filter, or {@code null}
     * @param relu    whether to rectify
     */
    public static void transformOutput(SlidingWindow w, int filters, double[] m, int mOff, int images,
                                       double[] y, int yOff, double[] bias, boolean relu) {
        int f = filters;
        int outH = w.outHeight();
        int outW = w.outWidth();
        double[] half = scratch(0, TILE * SPAN * f);
        double[] tile = scratch(1, TILE * TILE * f);
        forEachTile(w, images, (image, tileRow, tileCol, t) -> {
            // half[o][b] = Σ_a Aᵀ[o][a] M[a][b]
            for (int b = 0; b < SPAN; b++) {
                ROWS.outputForward(m, mOff + (t * POINTS + b) * f, SPAN * f, half, b * f, SPAN * f, f);
            }
            // tile[o][p] = Σ_b half[o][b] Aᵀ[p][b]
            for (int o = 0; o < TILE; o++) {
                ROWS.outputForward(half, o * SPAN * f, f, tile, o * TILE * f, f, f);
            }
            int imageOff = yOff + image * outH * outW * f;
            int cols = Math.min(TILE, outW - tileCol * TILE);
            for (int o = 0; o < TILE && tileRow * TILE + o < outH; o++) {
                int at = imageOff + ((tileRow * TILE + o) * outW + tileCol * TILE) * f;
                System.arraycopy(tile, o * TILE * f, y, at, cols * f);
                BiasRelu.forward(y, at, f, cols, f, bias, 0, relu);
            }
        });
    }

    /**
     * The gradient of the products from the output's: {@code dM = A dY Aᵀ} per tile, with zeros
     * where a tile runs past the output; the adjoint of {@link #transformOutput} (before its bias
     * and ReLU).
     *
     * @param w       the convolution's geometry (its batch size is not used)
     * @param filters output channels
     * @param g       the output gradient, channels-last (not modified)
     * @param gOff    index of the first image's first element
     * @param images  number of images
     * @param dm      the result, in m's layout (overwritten for these images' tiles)
     * @param dmOff   index of the first image's first tile
     */
    public static void outputGradient(SlidingWindow w, int filters, double[] g, int gOff, int images,
                                      double[] dm, int dmOff) {
        int f = filters;
        int outH = w.outHeight();
        int outW = w.outWidth();
        int rowLen = TILE * f;
        double[] tile = scratch(0, TILE * TILE * f);
        double[] half = scratch(1, SPAN * TILE * f);
        forEachTile(w, images, (image, tileRow, tileCol, t) -> {
            int imageOff = gOff + image * outH * outW * f;
            int cols = Math.min(TILE, outW - tileCol * TILE);
            for (int o = 0; o < TILE; o++) {
                int rowOff = o * rowLen;
                if (tileRow * TILE + o < outH) {
                    int at = imageOff + ((tileRow * TILE + o) * outW + tileCol * TILE) * f;
                    System.arraycopy(g, at, tile, rowOff, cols * f);
                    Arrays.fill(tile, rowOff + cols * f, rowOff + rowLen, 0.0);
                } else {
                    Arrays.fill(tile, rowOff, rowOff + rowLen, 0.0);
                }
            }
            // half[a][p] = Σ_o Aᵀ[o][a] dY[o][p], all columns at once
            ROWS.outputAdjoint(tile, 0, rowLen, half, 0, rowLen, rowLen);
            // dM[a][b] = Σ_p half[a][p] Aᵀ[p][b]
            for (int a = 0; a < SPAN; a++) {
                ROWS.outputAdjoint(half, a * rowLen, f, dm, dmOff + (t * POINTS + a * SPAN) * f, f, f);
            }
        });
    }

    /** One tile: the image's index among those being transformed, the tile's row and column, and its number. */
    @FunctionalInterface
    private interface TileBody {
        void run(int image, int tileRow, int tileCol, int t);
    }

    /**
     * Runs {@code body} for every 4×4 output tile of {@code images} images, image by image and
     * row by row, numbering them t = 0, 1, ... in that order (the tile-major layout's order).
     */
    private static void forEachTile(SlidingWindow w, int images, TileBody body) {
        int tilesH = tilesH(w);
        int tilesW = tilesW(w);
        int t = 0;
        for (int image = 0; image < images; image++) {
            for (int tileRow = 0; tileRow < tilesH; tileRow++) {
                for (int tileCol = 0; tileCol < tilesW; tileCol++, t++) {
                    body.run(image, tileRow, tileCol, t);
                }
            }
        }
    }

    /** This thread's scratch array number {@code which} (0 or 1), at least {@code length} long. */
    private static double[] scratch(int which, int length) {
        double[][] arrays = SCRATCH.get();
        if (arrays[which].length < length) {
            arrays[which] = new double[length];
        }
        return arrays[which];
    }
}
