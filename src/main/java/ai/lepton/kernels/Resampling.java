package ai.lepton.kernels;

import java.util.Arrays;

/**
 * Geometric resampling of channels-last image batches {@code (batch, h, w, c)}: resizing
 * (bilinear or nearest) and affine transforms with Keras's fill modes, each with its adjoint (the
 * backward pass, which spreads an output gradient back onto the input pixels it was read from).
 *
 * <p>Every output pixel reads at most four input pixels, its <em>taps</em>, with weights that
 * depend on the geometry only; forward gathers {@code y = sum w_k x[tap_k] + w_fill * fillValue}
 * over the channels, backward scatters {@code dx[tap_k] += w_k * g}. Pixel centres sit at integer
 * coordinates.
 * <ul>
 *   <li>Bilinear resize (PyTorch's {@code interpolate(align_corners=False)}, TensorFlow's and
 *       Keras's half-pixel centres): output pixel {@code o} reads input coordinate
 *       {@code max((o + 0.5) in / out - 0.5, 0)}, from its two neighbours, the upper one clamped to the edge.</li>
 *   <li>Nearest resize (PyTorch's {@code nearest-exact}, Keras's {@code nearest}): input pixel
 *       {@code min(floor((o + 0.5) in / out), in - 1)}.</li>
 *   <li>Affine (Keras's {@code ops.image.affine_transform}): output pixel {@code (x, y)} reads
 *       input point {@code (a0 x + a1 y + a2, b0 x + b1 y + b2)}, by bilinear interpolation of its
 *       four neighbours or by the nearest one (rounding half to even, as Keras's JAX, NumPy and
 *       PyTorch backends). A neighbour outside the image is replaced as the fill mode says, each
 *       neighbour on its own: {@code reflect (d c b a | a b c d | d c b a)},
 *       {@code wrap (a b c d | a b c d)}, {@code nearest (a a | a b c d | d d)}, or
 *       {@code constant}, which reads {@code fillValue} instead.</li>
 * </ul>
 * Work is split by image over {@link Parallel}; each image is computed by one thread in a fixed
 * order, so results do not depend on the thread count.
 */
public final class Resampling {
    /** How an output pixel combines the input pixels around the point it reads. */
    public enum Interpolation {
        /** The nearest pixel. */
        NEAREST,
        /** Bilinear interpolation of the four neighbours. */
        BILINEAR
    }

    /** What an affine transform reads for pixels outside the input image (Keras's {@code fill_mode}). */
    public enum FillMode {
        /** {@code (d c b a | a b c d | d c b a)}: reflected about the edge of the last pixel. */
        REFLECT,
        /** {@code (a b c d | a b c d | a b c d)}: wrapped around to the opposite edge. */
        WRAP,
        /** {@code (k k k k | a b c d | k k k k)}: the fill value. */
        CONSTANT,
        /** {@code (a a a a | a b c d | d d d d)}: the nearest edge pixel. */
        NEAREST
    }

    /**
     * The geometry of one resampling: image sizes and, per output pixel, its taps.
     *
     * @param batch images in the batch
     * @param inHeight input height
     * @param inWidth input width
     * @param channels channels per pixel
     * @param outHeight output height
     * @param outWidth output width
     * @param sampler computes the taps of one output pixel
     */
    private record Geometry(int batch, int inHeight, int inWidth, int channels, int outHeight, int outWidth, Sampler sampler) {
        int inSize() {
            return inHeight * inWidth * channels;
        }

        int outSize() {
            return outHeight * outWidth * channels;
        }
    }

    /** Fills the taps of output pixel {@code (b, oy, ox)}. */
    @FunctionalInterface
    private interface Sampler {
        void taps(int b, int oy, int ox, Taps taps);
    }

    /** Up to four input pixels (flat pixel indices within the image), their weights, and the weight of the fill value. */
    private static final class Taps {
        final int[] pixel = new int[4];
        final double[] weight = new double[4];
        int count;
        double fill;

        void clear() {
            count = 0;
            fill = 0;
        }

        void add(int p, double w) {
            pixel[count] = p;
            weight[count] = w;
            count++;
        }
    }

    private Resampling() {
    }

    /**
     * Resizes every image of a batch.
     *
     * @param x the input, {@code (batch, inHeight, inWidth, channels)} row-major (not modified)
     * @param batch images in the batch
     * @param inHeight input height, positive
     * @param inWidth input width, positive
     * @param channels channels, positive
     * @param outHeight output height, positive
     * @param outWidth output width, positive
     * @param interpolation bilinear or nearest
     * @param y the output, {@code (batch, outHeight, outWidth, channels)} (overwritten)
     */
    public static void resize(double[] x, int batch, int inHeight, int inWidth, int channels, int outHeight, int outWidth,
            Interpolation interpolation, double[] y) {
        gather(resizeGeometry(batch, inHeight, inWidth, channels, outHeight, outWidth, interpolation), x, 0, y);
    }

    /**
     * The gradient of {@link #resize} with respect to its input.
     *
     * @param g the output's gradient, {@code (batch, outHeight, outWidth, channels)} (not modified)
     * @param batch images in the batch
     * @param inHeight input height
     * @param inWidth input width
     * @param channels channels
     * @param outHeight output height
     * @param outWidth output width
     * @param interpolation bilinear or nearest, as in the forward pass
     * @param dx the input's gradient, {@code (batch, inHeight, inWidth, channels)} (overwritten)
     */
    public static void resizeBackward(double[] g, int batch, int inHeight, int inWidth, int channels, int outHeight,
            int outWidth, Interpolation interpolation, double[] dx) {
        scatter(resizeGeometry(batch, inHeight, inWidth, channels, outHeight, outWidth, interpolation), g, dx);
    }

    /**
     * Applies one affine transform per image; the output has the input's size.
     *
     * @param x the input, {@code (batch, height, width, channels)} (not modified)
     * @param batch images in the batch
     * @param height image height, positive
     * @param width image width, positive
     * @param channels channels, positive
     * @param transforms six numbers per image, {@code a0 a1 a2 b0 b1 b2}, mapping output pixel
     *        {@code (x, y)} to input point {@code (a0 x + a1 y + a2, b0 x + b1 y + b2)} (not modified)
     * @param interpolation bilinear or nearest
     * @param fillMode what points outside the input read
     * @param fillValue the value read outside the input in {@link FillMode#CONSTANT} mode
     * @param y the output, same shape as x (overwritten)
     */
    public static void affine(double[] x, int batch, int height, int width, int channels, double[] transforms,
            Interpolation interpolation, FillMode fillMode, double fillValue, double[] y) {
        gather(affineGeometry(batch, height, width, channels, transforms, interpolation, fillMode), x, fillValue, y);
    }

    /**
     * The gradient of {@link #affine} with respect to its input (the fill value is a constant).
     *
     * @param g the output's gradient (not modified)
     * @param batch images in the batch
     * @param height image height
     * @param width image width
     * @param channels channels
     * @param transforms as in the forward pass (not modified)
     * @param interpolation as in the forward pass
     * @param fillMode as in the forward pass
     * @param dx the input's gradient (overwritten)
     */
    public static void affineBackward(double[] g, int batch, int height, int width, int channels, double[] transforms,
            Interpolation interpolation, FillMode fillMode, double[] dx) {
        scatter(affineGeometry(batch, height, width, channels, transforms, interpolation, fillMode), g, dx);
    }

    private static void gather(Geometry geo, double[] x, double fillValue, double[] y) {
        int c = geo.channels();
        Parallel.forRange(geo.batch(), 1, (from, to) -> {
            Taps taps = new Taps();
            for (int b = from; b < to; b++) {
                int xBase = b * geo.inSize();
                int o = b * geo.outSize();
                for (int oy = 0; oy < geo.outHeight(); oy++) {
                    for (int ox = 0; ox < geo.outWidth(); ox++, o += c) {
                        geo.sampler().taps(b, oy, ox, taps);
                        double fill = taps.fill * fillValue;
                        for (int ch = 0; ch < c; ch++) {
                            y[o + ch] = fill;
                        }
                        for (int k = 0; k < taps.count; k++) {
                            double w = taps.weight[k];
                            int from0 = xBase + taps.pixel[k] * c;
                            for (int ch = 0; ch < c; ch++) {
                                y[o + ch] += w * x[from0 + ch];
                            }
                        }
                    }
                }
            }
        });
    }

    private static void scatter(Geometry geo, double[] g, double[] dx) {
        int c = geo.channels();
        Parallel.forRange(geo.batch(), 1, (from, to) -> {
            Taps taps = new Taps();
            for (int b = from; b < to; b++) {
                int xBase = b * geo.inSize();
                Arrays.fill(dx, xBase, xBase + geo.inSize(), 0.0);
                int o = b * geo.outSize();
                for (int oy = 0; oy < geo.outHeight(); oy++) {
                    for (int ox = 0; ox < geo.outWidth(); ox++, o += c) {
                        geo.sampler().taps(b, oy, ox, taps);
                        for (int k = 0; k < taps.count; k++) {
                            double w = taps.weight[k];
                            int to0 = xBase + taps.pixel[k] * c;
                            for (int ch = 0; ch < c; ch++) {
                                dx[to0 + ch] += w * g[o + ch];
                            }
                        }
                    }
                }
            }
        });
    }

    // ---------------------------------------------------------------- resize

    private static Geometry resizeGeometry(int batch, int inH, int inW, int c, int outH, int outW, Interpolation interpolation) {
        if (interpolation == Interpolation.NEAREST) {
            int[] rows = nearestIndices(inH, outH);
            int[] cols = nearestIndices(inW, outW);
            return new Geometry(batch, inH, inW, c, outH, outW, (b, oy, ox, taps) -> {
                taps.clear();
                taps.add(rows[oy] * inW + cols[ox], 1.0);
            });
        }
        LinearAxis rows = new LinearAxis(inH, outH);
        LinearAxis cols = new LinearAxis(inW, outW);
        return new Geometry(batch, inH, inW, c, outH, outW, (b, oy, ox, taps) -> {
            taps.clear();
            int r0 = rows.lower[oy] * inW;
            int r1 = rows.upper[oy] * inW;
            double wy1 = rows.upperWeight[oy];
            double wy0 = 1 - wy1;
            double wx1 = cols.upperWeight[ox];
            double wx0 = 1 - wx1;
            taps.add(r0 + cols.lower[ox], wy0 * wx0);
            taps.add(r0 + cols.upper[ox], wy0 * wx1);
            taps.add(r1 + cols.lower[ox], wy1 * wx0);
            taps.add(r1 + cols.upper[ox], wy1 * wx1);
        });
    }

    /** Input index of each output index for nearest resizing: {@code min(floor((o + 0.5) in / out), in - 1)}. */
    private static int[] nearestIndices(int in, int out) {
        double scale = (double) in / out;
        int[] index = new int[out];
        for (int o = 0; o < out; o++) {
            index[o] = Math.min((int) Math.floor((o + 0.5) * scale), in - 1);
        }
        return index;
    }

    /** The two neighbours and the upper one's weight of each output index for bilinear resizing along one axis. */
    private static final class LinearAxis {
        final int[] lower;
        final int[] upper;
        final double[] upperWeight;

        LinearAxis(int in, int out) {
            lower = new int[out];
            upper = new int[out];
            upperWeight = new double[out];
            double scale = (double) in / out;
            for (int o = 0; o < out; o++) {
                double source = Math.max((o + 0.5) * scale - 0.5, 0.0);
                int i0 = Math.min((int) source, in - 1);
                lower[o] = i0;
                upper[o] = Math.min(i0 + 1, in - 1);
                upperWeight[o] = source - i0;
            }
        }
    }

    // ---------------------------------------------------------------- affine

    private static Geometry affineGeometry(int batch, int h, int w, int c, double[] t, Interpolation interpolation, FillMode fill) {
        boolean nearest = interpolation == Interpolation.NEAREST;
        return new Geometry(batch, h, w, c, h, w, (b, oy, ox, taps) -> {
            int k = 6 * b;
            double sx = t[k] * ox + t[k + 1] * oy + t[k + 2];
            double sy = t[k + 3] * ox + t[k + 4] * oy + t[k + 5];
            taps.clear();
            if (nearest) {
                tap(taps, (long) Math.rint(sy), (long) Math.rint(sx), 1.0, h, w, fill);
                return;
            }
            double fy = Math.floor(sy);
            double fx = Math.floor(sx);
            double wy1 = sy - fy;
            double wx1 = sx - fx;
            long iy = (long) fy;
            long ix = (long) fx;
            tap(taps, iy, ix, (1 - wy1) * (1 - wx1), h, w, fill);
            tap(taps, iy, ix + 1, (1 - wy1) * wx1, h, w, fill);
            tap(taps, iy + 1, ix, wy1 * (1 - wx1), h, w, fill);
            tap(taps, iy + 1, ix + 1, wy1 * wx1, h, w, fill);
        });
    }

    /** Adds input pixel (iy, ix), moved inside the image by the fill mode, or the fill value's weight. */
    private static void tap(Taps taps, long iy, long ix, double weight, int h, int w, FillMode fill) {
        if (fill == FillMode.CONSTANT && (iy < 0 || iy >= h || ix < 0 || ix >= w)) {
            taps.fill += weight;
            return;
        }
        taps.add(inside(iy, h, fill) * w + inside(ix, w, fill), weight);
    }

    /** An index moved inside {@code [0, n)} by the fill mode. */
    private static int inside(long i, int n, FillMode fill) {
        if (i >= 0 && i < n) {
            return (int) i;
        }
        return switch (fill) {
            case WRAP -> (int) Math.floorMod(i, (long) n);
            case REFLECT -> {
                int m = (int) Math.floorMod(i, 2L * n);
                yield m < n ? m : 2 * n - 1 - m;
            }
            case NEAREST, CONSTANT -> i < 0 ? 0 : n - 1;
        };
    }
}
