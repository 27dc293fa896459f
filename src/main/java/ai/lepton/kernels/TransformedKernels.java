package ai.lepton.kernels;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Winograd-transformed kernels kept between inference passes, each of the 36 points' matrices
 * packed for the products ({@link Gemm#pack}): a model that predicts one image at a time would
 * otherwise transform and pack each 3×3 kernel anew at every call, which for a 32×64 kernel
 * costs more than the convolution of a 28×28 image itself.
 *
 * <p>An entry belongs to a kernel array (held weakly: it goes when the array does) and keeps a
 * copy of the values it was made from. A lookup compares the array with that copy, element by
 * element, so a kernel changed in place (by training, or {@code setWeights}) is transformed
 * again; there is no invalidation to forget. The check reads the kernel once, a small fraction
 * of the transform's reads and writes. Only passes that keep nothing for backward
 * ({@link Convolution.Keep#NOTHING}) use it: during training the kernel changes at every step.
 *
 * <p>The price is memory: an entry holds the copy, the transform (4× the kernel: 36 points for 9
 * taps) and its packed panels (as much again), about nine times the kernel, for as long as the
 * kernel array lives. For the Fashion-MNIST CNN's 32×64 kernel that is 1.3 MB.
 */
final class TransformedKernels {

    private static final Map<double[], Entry> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    /** What a transform was made from, and its points (never modified once published). */
    private record Entry(double[] values, int channels, int filters, PackedMatrix[] points) {
    }

    private TransformedKernels() {
    }

    /**
     * The transform of a {@code (3, 3, channels, filters)} kernel, as
     * {@link Winograd#transformKernel} makes it, as one packed channels×filters matrix per point.
     *
     * @param kernel   the kernel (not modified)
     * @param channels input channels
     * @param filters  output channels
     * @return point ξ's matrix at index ξ, {@link Winograd#POINTS} of them; shared, so not to be modified
     */
    static PackedMatrix[] of(double[] kernel, int channels, int filters) {
        int n = 9 * channels * filters;
        Entry entry = CACHE.get(kernel);
        if (entry != null && entry.channels() == channels && entry.filters() == filters
                && Arrays.equals(entry.values(), 0, n, kernel, 0, n)) {
            return entry.points();
        }
        double[] u = new double[Winograd.POINTS * channels * filters];
        Winograd.transformKernel(kernel, channels, filters, u);
        PackedMatrix[] points = new PackedMatrix[Winograd.POINTS];
        for (int xi = 0; xi < points.length; xi++) {
            points[xi] = Gemm.pack(false, channels, filters, u, xi * channels * filters, filters);
        }
        CACHE.put(kernel, new Entry(Arrays.copyOf(kernel, n), channels, filters, points));
        return points;
    }
}
