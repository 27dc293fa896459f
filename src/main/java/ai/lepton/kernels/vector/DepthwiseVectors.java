package ai.lepton.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The depthwise convolution's per-pixel loops on the Vector API
 * ({@code ai.lepton.kernels.DepthwiseLoops} documents them): the same multiplications and
 * additions in the same order as the plain version, so the results are bit-identical to it. A
 * pixel's sum stays in a register across its taps, and a tap's kernel gradient along a row of
 * outputs. Internal to Lepton.
 */
public final class DepthwiseVectors {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private DepthwiseVectors() {
    }

    /**
     * The doubles per vector. The loops here handle whole vectors only: their callers finish the
     * last channels in plain Java.
     *
     * @return e.g. 8 with 512-bit vectors
     */
    public static int lanes() {
        return LANES;
    }

    /**
     * One output pixel over the channels {@code from} to {@code to}, a whole number of vectors:
     * {@code y[o + ch] = bias[ch] + Σ_t x[xs[t] + ch]·k[ks[t] + ch]}, in tap order.
     *
     * @param x    the input (not modified)
     * @param xs   each tap's input pixel, as the position of its first channel
     * @param k    the kernel (not modified)
     * @param ks   each tap's filters, as the position of their first channel
     * @param taps how many entries of xs and ks to use
     * @param bias the bias (not modified), or {@code null} for none
     * @param y    the output (modified at {@code o + from} to {@code o + to})
     * @param o    the position of the pixel's first channel in y
     * @param from the first channel
     * @param to   the end of the channels, {@code from} plus a multiple of {@link #lanes()}
     */
    public static void pixel(double[] x, int[] xs, double[] k, int[] ks, int taps, double[] bias, double[] y, int o,
                             int from, int to) {
        for (int ch = from; ch < to; ch += LANES) {
            DoubleVector sum = bias == null ? DoubleVector.zero(SPECIES) : DoubleVector.fromArray(SPECIES, bias, ch);
            for (int t = 0; t < taps; t++) {
                sum = sum.add(DoubleVector.fromArray(SPECIES, x, xs[t] + ch)
                        .mul(DoubleVector.fromArray(SPECIES, k, ks[t] + ch)));
            }
            sum.intoArray(y, o + ch);
        }
    }

    /**
     * The kernel gradient of one tap along a row of output pixels, over whole vectors of
     * channels: {@code dk[at + ch] += x[xs + i·xStep + ch]·g[o + i·gStep + ch]} for i in order.
     *
     * @param x     the forward input (not modified)
     * @param xs    the first channel of the input pixel under the tap for the row's first output
     * @param xStep the distance between the input pixels of consecutive outputs
     * @param g     the output gradient (not modified)
     * @param o     the first channel of the row's first output pixel in g
     * @param gStep the distance between consecutive output pixels in g
     * @param count the output pixels in the row
     * @param dk    the kernel gradient (added to)
     * @param at    the first channel of the tap's kernel gradient
     * @param from  the first channel
     * @param to    the end of the channels, {@code from} plus a multiple of {@link #lanes()}
     */
    public static void rowKernelGradient(double[] x, int xs, int xStep, double[] g, int o, int gStep, int count,
                                         double[] dk, int at, int from, int to) {
        for (int ch = from; ch < to; ch += LANES) {
            DoubleVector sum = DoubleVector.fromArray(SPECIES, dk, at + ch);
            for (int i = 0; i < count; i++) {
                sum = sum.add(DoubleVector.fromArray(SPECIES, x, xs + i * xStep + ch)
                        .mul(DoubleVector.fromArray(SPECIES, g, o + i * gStep + ch)));
            }
            sum.intoArray(dk, at + ch);
        }
    }
}
