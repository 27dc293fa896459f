package ai.lepton.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The direct convolution's row loops on the Vector API ({@code ai.lepton.kernels.DirectConvLoops}
 * documents them): the same fused multiply-adds in the same order as the plain version, so the
 * results are bit-identical to it. Filters past the last whole vector run through plain loops
 * here. Internal to Lepton.
 */
public final class DirectConvVectors {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private DirectConvVectors() {
    }

    /**
     * One row of a direct convolution ({@code DirectConvLoops.convRow}): three pixels by four vectors of
     * filters at a time in twelve accumulators, then single pixels and vectors, then the filters
     * past the last whole vector one at a time.
     *
     * @param x       the (padded) input (not modified)
     * @param xOff    position of the first pixel
     * @param pixStep distance between neighbouring pixels: stride · channels
     * @param taps    each tap's position relative to its pixel, in the kernel's order
     * @param k       the kernel, one row of filters per tap (not modified)
     * @param filters output channels
     * @param bias    one per filter (zeros for none)
     * @param relu    whether to rectify
     * @param y       the output (modified: {@code count · filters} elements from {@code yOff})
     * @param yOff    index of the first pixel's first filter
     * @param count   pixels in the row
     */
    public static void convRow(double[] x, int xOff, int pixStep, int[] taps, double[] k, int filters, double[] bias,
                               boolean relu, double[] y, int yOff, int count) {
        int whole = filters - filters % LANES;
        int f0 = 0;
        for (; f0 + 4 * LANES <= whole; f0 += 4 * LANES) {
            int j = 0;
            for (; j + 3 <= count; j += 3) {
                convBlock(x, xOff + j * pixStep, pixStep, taps, k, filters, bias, relu, y, yOff + j * filters + f0, f0);
            }
            for (; j < count; j++) {
                for (int v = 0; v < 4; v++) {
                    convVector(x, xOff + j * pixStep, taps, k, filters, bias, relu, y, yOff + j * filters, f0 + v * LANES);
                }
            }
        }
        for (; f0 < whole; f0 += LANES) {
            for (int j = 0; j < count; j++) {
                convVector(x, xOff + j * pixStep, taps, k, filters, bias, relu, y, yOff + j * filters, f0);
            }
        }
        for (int f = whole; f < filters; f++) {
            for (int j = 0; j < count; j++) {
                int pixel = xOff + j * pixStep;
                double sum = bias[f];
                for (int t = 0; t < taps.length; t++) {
                    sum = Math.fma(x[pixel + taps[t]], k[t * filters + f], sum);
                }
                y[yOff + j * filters + f] = relu ? Math.max(sum, 0.0) : sum;
            }
        }
    }

    /** Three pixels (from {@code pixel}, {@code pixStep} apart) by four vectors of filters from {@code f0}. */
    private static void convBlock(double[] x, int pixel, int pixStep, int[] taps, double[] k, int filters,
                                  double[] bias, boolean relu, double[] y, int out, int f0) {
        DoubleVector u0 = DoubleVector.fromArray(SPECIES, bias, f0);
        DoubleVector u1 = DoubleVector.fromArray(SPECIES, bias, f0 + LANES);
        DoubleVector u2 = DoubleVector.fromArray(SPECIES, bias, f0 + 2 * LANES);
        DoubleVector u3 = DoubleVector.fromArray(SPECIES, bias, f0 + 3 * LANES);
        DoubleVector v0 = u0;
        DoubleVector v1 = u1;
        DoubleVector v2 = u2;
        DoubleVector v3 = u3;
        DoubleVector w0 = u0;
        DoubleVector w1 = u1;
        DoubleVector w2 = u2;
        DoubleVector w3 = u3;
        int kr = f0;
        // A long counter, as in RegisterTileVectors: C2 over-unrolls int-counted loops like this one.
        for (long t = 0; t < taps.length; t++) {
            int at = pixel + taps[(int) t];
            DoubleVector k0 = DoubleVector.fromArray(SPECIES, k, kr);
            DoubleVector k1 = DoubleVector.fromArray(SPECIES, k, kr + LANES);
            DoubleVector k2 = DoubleVector.fromArray(SPECIES, k, kr + 2 * LANES);
            DoubleVector k3 = DoubleVector.fromArray(SPECIES, k, kr + 3 * LANES);
            DoubleVector xu = DoubleVector.broadcast(SPECIES, x[at]);
            DoubleVector xv = DoubleVector.broadcast(SPECIES, x[at + pixStep]);
            DoubleVector xw = DoubleVector.broadcast(SPECIES, x[at + 2 * pixStep]);
            u0 = xu.fma(k0, u0);
            u1 = xu.fma(k1, u1);
            u2 = xu.fma(k2, u2);
            u3 = xu.fma(k3, u3);
            v0 = xv.fma(k0, v0);
            v1 = xv.fma(k1, v1);
            v2 = xv.fma(k2, v2);
            v3 = xv.fma(k3, v3);
            w0 = xw.fma(k0, w0);
            w1 = xw.fma(k1, w1);
            w2 = xw.fma(k2, w2);
            w3 = xw.fma(k3, w3);
            kr += filters;
        }
        if (relu) {
            u0 = u0.max(0.0);
            u1 = u1.max(0.0);
            u2 = u2.max(0.0);
            u3 = u3.max(0.0);
            v0 = v0.max(0.0);
            v1 = v1.max(0.0);
            v2 = v2.max(0.0);
            v3 = v3.max(0.0);
            w0 = w0.max(0.0);
            w1 = w1.max(0.0);
            w2 = w2.max(0.0);
            w3 = w3.max(0.0);
        }
        u0.intoArray(y, out);
        u1.intoArray(y, out + LANES);
        u2.intoArray(y, out + 2 * LANES);
        u3.intoArray(y, out + 3 * LANES);
        v0.intoArray(y, out + filters);
        v1.intoArray(y, out + filters + LANES);
        v2.intoArray(y, out + filters + 2 * LANES);
        v3.intoArray(y, out + filters + 3 * LANES);
        w0.intoArray(y, out + 2 * filters);
        w1.intoArray(y, out + 2 * filters + LANES);
        w2.intoArray(y, out + 2 * filters + 2 * LANES);
        w3.intoArray(y, out + 2 * filters + 3 * LANES);
    }

    /** One pixel by one vector of filters from {@code f0}. */
    private static void convVector(double[] x, int pixel, int[] taps, double[] k, int filters, double[] bias,
                                   boolean relu, double[] y, int out, int f0) {
        DoubleVector sum = DoubleVector.fromArray(SPECIES, bias, f0);
        for (int t = 0; t < taps.length; t++) {
            sum = DoubleVector.broadcast(SPECIES, x[pixel + taps[t]])
                    .fma(DoubleVector.fromArray(SPECIES, k, t * filters + f0), sum);
        }
        (relu ? sum.max(0.0) : sum).intoArray(y, out + f0);
    }

    /**
     * The kernel and bias gradient of one {@link #convRow} ({@code DirectConvLoops.convRowGrad}): per four
     * vectors of filters, the bias sums, then three taps at a time in twelve accumulators, each
     * pass over the row's pixels in order; then single taps and vectors, then the filters past
     * the last whole vector.
     *
     * @param x       the (padded) input (not modified)
     * @param xOff    position of the first pixel
     * @param pixStep distance between neighbouring pixels
     * @param taps    each tap's position relative to its pixel
     * @param g       the output gradient, masked by the ReLU (not modified)
     * @param gOff    index of the first pixel's first filter
     * @param filters output channels
     * @param count   pixels in the row
     * @param dk      the kernel gradient, added to (one row of filters per tap)
     * @param dkOff   index of its first element
     * @param sums    the bias gradient, added to
     * @param sumsOff index of its first element
     */
    public static void convRowGrad(double[] x, int xOff, int pixStep, int[] taps, double[] g, int gOff, int filters,
                                   int count, double[] dk, int dkOff, double[] sums, int sumsOff) {
        int whole = filters - filters % LANES;
        int f0 = 0;
        for (; f0 + 4 * LANES <= whole; f0 += 4 * LANES) {
            sumBlock(g, gOff, filters, count, sums, sumsOff + f0, f0);
            int t = 0;
            for (; t + 3 <= taps.length; t += 3) {
                gradBlock(x, xOff, pixStep, taps[t], taps[t + 1], taps[t + 2], g, gOff, filters, count, dk,
                        dkOff + t * filters + f0, f0);
            }
            for (; t < taps.length; t++) {
                for (int v = 0; v < 4; v++) {
                    gradVector(x, xOff, pixStep, taps[t], g, gOff, filters, count, dk,
                            dkOff + t * filters + f0 + v * LANES, f0 + v * LANES);
                }
            }
        }
        for (; f0 < whole; f0 += LANES) {
            sumVector(g, gOff, filters, count, sums, sumsOff, f0);
            for (int t = 0; t < taps.length; t++) {
                gradVector(x, xOff, pixStep, taps[t], g, gOff, filters, count, dk, dkOff + t * filters + f0, f0);
            }
        }
        for (int j = 0; j < count; j++) {
            int pixel = xOff + j * pixStep;
            for (int f = whole; f < filters; f++) {
                double gm = g[gOff + j * filters + f];
                sums[sumsOff + f] += gm;
                for (int t = 0; t < taps.length; t++) {
                    int d = dkOff + t * filters + f;
                    dk[d] = Math.fma(x[pixel + taps[t]], gm, dk[d]);
                }
            }
        }
    }

    /** Adds the row's gradients to the bias sums of one vector of filters from {@code f0}. */
    private static void sumVector(double[] g, int gOff, int filters, int count, double[] sums, int sumsOff, int f0) {
        DoubleVector sum = DoubleVector.fromArray(SPECIES, sums, sumsOff + f0);
        for (long j = 0; j < count; j++) {
            sum = sum.add(DoubleVector.fromArray(SPECIES, g, gOff + (int) j * filters + f0));
        }
        sum.intoArray(sums, sumsOff + f0);
    }

    /** {@link #sumVector} for four vectors of filters from {@code f0}, their sums at {@code s}. */
    private static void sumBlock(double[] g, int gOff, int filters, int count, double[] sums, int s, int f0) {
        DoubleVector s0 = DoubleVector.fromArray(SPECIES, sums, s);
        DoubleVector s1 = DoubleVector.fromArray(SPECIES, sums, s + LANES);
        DoubleVector s2 = DoubleVector.fromArray(SPECIES, sums, s + 2 * LANES);
        DoubleVector s3 = DoubleVector.fromArray(SPECIES, sums, s + 3 * LANES);
        for (long j = 0; j < count; j++) {
            int at = gOff + (int) j * filters + f0;
            s0 = s0.add(DoubleVector.fromArray(SPECIES, g, at));
            s1 = s1.add(DoubleVector.fromArray(SPECIES, g, at + LANES));
            s2 = s2.add(DoubleVector.fromArray(SPECIES, g, at + 2 * LANES));
            s3 = s3.add(DoubleVector.fromArray(SPECIES, g, at + 3 * LANES));
        }
        s0.intoArray(sums, s);
        s1.intoArray(sums, s + LANES);
        s2.intoArray(sums, s + 2 * LANES);
        s3.intoArray(sums, s + 3 * LANES);
    }

    /** Three taps (at offsets t0, t1, t2 from each pixel) by four vectors of filters from {@code f0}. */
    private static void gradBlock(double[] x, int xOff, int pixStep, int t0, int t1, int t2, double[] g, int gOff,
                                  int filters, int count, double[] dk, int d, int f0) {
        DoubleVector u0 = DoubleVector.fromArray(SPECIES, dk, d);
        DoubleVector u1 = DoubleVector.fromArray(SPECIES, dk, d + LANES);
        DoubleVector u2 = DoubleVector.fromArray(SPECIES, dk, d + 2 * LANES);
        DoubleVector u3 = DoubleVector.fromArray(SPECIES, dk, d + 3 * LANES);
        DoubleVector v0 = DoubleVector.fromArray(SPECIES, dk, d + filters);
        DoubleVector v1 = DoubleVector.fromArray(SPECIES, dk, d + filters + LANES);
        DoubleVector v2 = DoubleVector.fromArray(SPECIES, dk, d + filters + 2 * LANES);
        DoubleVector v3 = DoubleVector.fromArray(SPECIES, dk, d + filters + 3 * LANES);
        DoubleVector w0 = DoubleVector.fromArray(SPECIES, dk, d + 2 * filters);
        DoubleVector w1 = DoubleVector.fromArray(SPECIES, dk, d + 2 * filters + LANES);
        DoubleVector w2 = DoubleVector.fromArray(SPECIES, dk, d + 2 * filters + 2 * LANES);
        DoubleVector w3 = DoubleVector.fromArray(SPECIES, dk, d + 2 * filters + 3 * LANES);
        for (long j = 0; j < count; j++) {
            int at = gOff + (int) j * filters + f0;
            DoubleVector g0 = DoubleVector.fromArray(SPECIES, g, at);
            DoubleVector g1 = DoubleVector.fromArray(SPECIES, g, at + LANES);
            DoubleVector g2 = DoubleVector.fromArray(SPECIES, g, at + 2 * LANES);
            DoubleVector g3 = DoubleVector.fromArray(SPECIES, g, at + 3 * LANES);
            int pixel = xOff + (int) j * pixStep;
            DoubleVector xu = DoubleVector.broadcast(SPECIES, x[pixel + t0]);
            DoubleVector xv = DoubleVector.broadcast(SPECIES, x[pixel + t1]);
            DoubleVector xw = DoubleVector.broadcast(SPECIES, x[pixel + t2]);
            u0 = xu.fma(g0, u0);
            u1 = xu.fma(g1, u1);
            u2 = xu.fma(g2, u2);
            u3 = xu.fma(g3, u3);
            v0 = xv.fma(g0, v0);
            v1 = xv.fma(g1, v1);
            v2 = xv.fma(g2, v2);
            v3 = xv.fma(g3, v3);
            w0 = xw.fma(g0, w0);
            w1 = xw.fma(g1, w1);
            w2 = xw.fma(g2, w2);
            w3 = xw.fma(g3, w3);
        }
        u0.intoArray(dk, d);
        u1.intoArray(dk, d + LANES);
        u2.intoArray(dk, d + 2 * LANES);
        u3.intoArray(dk, d + 3 * LANES);
        v0.intoArray(dk, d + filters);
        v1.intoArray(dk, d + filters + LANES);
        v2.intoArray(dk, d + filters + 2 * LANES);
        v3.intoArray(dk, d + filters + 3 * LANES);
        w0.intoArray(dk, d + 2 * filters);
        w1.intoArray(dk, d + 2 * filters + LANES);
        w2.intoArray(dk, d + 2 * filters + 2 * LANES);
        w3.intoArray(dk, d + 2 * filters + 3 * LANES);
    }

    /** One tap (at {@code tap} from each pixel) by one vector of filters from {@code f0}. */
    private static void gradVector(double[] x, int xOff, int pixStep, int tap, double[] g, int gOff, int filters,
                                   int count, double[] dk, int d, int f0) {
        DoubleVector sum = DoubleVector.fromArray(SPECIES, dk, d);
        for (long j = 0; j < count; j++) {
            sum = DoubleVector.broadcast(SPECIES, x[xOff + (int) j * pixStep + tap])
                    .fma(DoubleVector.fromArray(SPECIES, g, gOff + (int) j * filters + f0), sum);
        }
        sum.intoArray(dk, d);
    }
}
