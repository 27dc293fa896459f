package ai.lepton.kernels.vector;

import java.util.Arrays;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The hot loops of {@code ai.lepton.kernels.Simd} on the Vector API: Winograd's 1-D transforms,
 * the bias and ReLU passes, the 2×2 max pool and the direct convolution. Internal to Lepton; {@code Simd}'s documentation gives the
 * arithmetic and why these loops need explicit vectors. Each element is computed with the plain
 * version's operations in the same order (no fused multiply-add beyond the plain version's own),
 * so the results are bit-identical to it. Elements past the last whole vector are left to the
 * caller (see {@link #lanes()}) or, where noted, run through a plain loop here.
 */
public final class VectorLoops {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final DoubleVector ZERO = DoubleVector.zero(SPECIES);

    private VectorLoops() {
    }

    /**
     * The doubles per vector. The transforms, the bias/ReLU pass and the 2×2 max pool below handle
     * whole vectors only (their callers finish the last {@code n mod lanes} elements in plain Java).
     *
     * @return e.g. 8 with 512-bit vectors
     */
    public static int lanes() {
        return LANES;
    }

    /**
     * dst[a] = Σ_i Bᵀ[a][i] src[i], 6 runs from 6.
     *
     * @param s     the inputs (not modified)
     * @param sOff  index of the first input's first element
     * @param sStep distance between inputs
     * @param d     the outputs (modified)
     * @param dOff  index of the first output's first element
     * @param dStep distance between outputs
     * @param n     elements per run; only the whole vectors among them are computed
     */
    public static void inputForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k <= n - LANES; k += LANES) {
            DoubleVector d0 = DoubleVector.fromArray(SPECIES, s, sOff + k);
            DoubleVector d1 = DoubleVector.fromArray(SPECIES, s, sOff + sStep + k);
            DoubleVector d2 = DoubleVector.fromArray(SPECIES, s, sOff + 2 * sStep + k);
            DoubleVector d3 = DoubleVector.fromArray(SPECIES, s, sOff + 3 * sStep + k);
            DoubleVector d4 = DoubleVector.fromArray(SPECIES, s, sOff + 4 * sStep + k);
            DoubleVector d5 = DoubleVector.fromArray(SPECIES, s, sOff + 5 * sStep + k);
            DoubleVector odd1 = d4.sub(d2.mul(4));
            DoubleVector odd2 = d3.sub(d1.mul(4));
            DoubleVector even1 = d4.sub(d2);
            DoubleVector even2 = d3.sub(d1).mul(2);
            d0.mul(4).sub(d2.mul(5)).add(d4).intoArray(d, dOff + k);
            odd1.add(odd2).intoArray(d, dOff + dStep + k);
            odd1.sub(odd2).intoArray(d, dOff + 2 * dStep + k);
            even1.add(even2).intoArray(d, dOff + 3 * dStep + k);
            even1.sub(even2).intoArray(d, dOff + 4 * dStep + k);
            d1.mul(4).sub(d3.mul(5)).add(d5).intoArray(d, dOff + 5 * dStep + k);
        }
    }

    /**
     * dst[i] = Σ_a Bᵀ[a][i] src[a], 6 runs from 6.
     *
     * @param s     the inputs (not modified)
     * @param sOff  index of the first input's first element
     * @param sStep distance between inputs
     * @param d     the outputs (modified)
     * @param dOff  index of the first output's first element
     * @param dStep distance between outputs
     * @param n     elements per run; only the whole vectors among them are computed
     */
    public static void inputAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k <= n - LANES; k += LANES) {
            DoubleVector v0 = DoubleVector.fromArray(SPECIES, s, sOff + k);
            DoubleVector v1 = DoubleVector.fromArray(SPECIES, s, sOff + sStep + k);
            DoubleVector v2 = DoubleVector.fromArray(SPECIES, s, sOff + 2 * sStep + k);
            DoubleVector v3 = DoubleVector.fromArray(SPECIES, s, sOff + 3 * sStep + k);
            DoubleVector v4 = DoubleVector.fromArray(SPECIES, s, sOff + 4 * sStep + k);
            DoubleVector v5 = DoubleVector.fromArray(SPECIES, s, sOff + 5 * sStep + k);
            DoubleVector sum12 = v1.add(v2);
            DoubleVector diff12 = v2.sub(v1);
            DoubleVector sum34 = v3.add(v4);
            DoubleVector diff34 = v3.sub(v4);
            v0.mul(4).intoArray(d, dOff + k);
            diff12.mul(4).sub(diff34.mul(2)).add(v5.mul(4)).intoArray(d, dOff + dStep + k);
            v0.mul(-5).sub(sum12.mul(4)).sub(sum34).intoArray(d, dOff + 2 * dStep + k);
            diff12.neg().add(diff34.mul(2)).sub(v5.mul(5)).intoArray(d, dOff + 3 * dStep + k);
            v0.add(sum12).add(sum34).intoArray(d, dOff + 4 * dStep + k);
            v5.intoArray(d, dOff + 5 * dStep + k);
        }
    }

    /**
     * dst[o] = Σ_a Aᵀ[o][a] src[a], 4 runs from 6.
     *
     * @param s     the inputs (not modified)
     * @param sOff  index of the first input's first element
     * @param sStep distance between inputs
     * @param d     the outputs (modified)
     * @param dOff  index of the first output's first element
     * @param dStep distance between outputs
     * @param n     elements per run; only the whole vectors among them are computed
     */
    public static void outputForward(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k <= n - LANES; k += LANES) {
            DoubleVector m0 = DoubleVector.fromArray(SPECIES, s, sOff + k);
            DoubleVector m1 = DoubleVector.fromArray(SPECIES, s, sOff + sStep + k);
            DoubleVector m2 = DoubleVector.fromArray(SPECIES, s, sOff + 2 * sStep + k);
            DoubleVector m3 = DoubleVector.fromArray(SPECIES, s, sOff + 3 * sStep + k);
            DoubleVector m4 = DoubleVector.fromArray(SPECIES, s, sOff + 4 * sStep + k);
            DoubleVector m5 = DoubleVector.fromArray(SPECIES, s, sOff + 5 * sStep + k);
            DoubleVector sum12 = m1.add(m2);
            DoubleVector diff12 = m1.sub(m2);
            DoubleVector sum34 = m3.add(m4);
            DoubleVector diff34 = m3.sub(m4);
            m0.add(sum12).add(sum34).intoArray(d, dOff + k);
            diff12.add(diff34.mul(2)).intoArray(d, dOff + dStep + k);
            sum12.add(sum34.mul(4)).intoArray(d, dOff + 2 * dStep + k);
            diff12.add(diff34.mul(8)).add(m5).intoArray(d, dOff + 3 * dStep + k);
        }
    }

    /**
     * dst[a] = Σ_o Aᵀ[o][a] src[o], 6 runs from 4.
     *
     * @param s     the inputs (not modified)
     * @param sOff  index of the first input's first element
     * @param sStep distance between inputs
     * @param d     the outputs (modified)
     * @param dOff  index of the first output's first element
     * @param dStep distance between outputs
     * @param n     elements per run; only the whole vectors among them are computed
     */
    public static void outputAdjoint(double[] s, int sOff, int sStep, double[] d, int dOff, int dStep, int n) {
        for (int k = 0; k <= n - LANES; k += LANES) {
            DoubleVector g0 = DoubleVector.fromArray(SPECIES, s, sOff + k);
            DoubleVector g1 = DoubleVector.fromArray(SPECIES, s, sOff + sStep + k);
            DoubleVector g2 = DoubleVector.fromArray(SPECIES, s, sOff + 2 * sStep + k);
            DoubleVector g3 = DoubleVector.fromArray(SPECIES, s, sOff + 3 * sStep + k);
            DoubleVector even = g0.add(g2.mul(4));
            DoubleVector odd = g1.mul(2).add(g3.mul(8));
            g0.intoArray(d, dOff + k);
            g0.add(g1).add(g2).add(g3).intoArray(d, dOff + dStep + k);
            g0.sub(g1).add(g2).sub(g3).intoArray(d, dOff + 2 * dStep + k);
            even.add(odd).intoArray(d, dOff + 3 * dStep + k);
            even.sub(odd).intoArray(d, dOff + 4 * dStep + k);
            g3.intoArray(d, dOff + 5 * dStep + k);
        }
    }

    /**
     * y = max(y + bias, 0) on the whole vectors of each row of a rows×cols block, rows {@code ld}
     * apart (without the bias when it is null, without the max unless {@code relu}).
     *
     * @param y       the block (modified)
     * @param off     index of its first element
     * @param ld      distance between rows
     * @param rows    number of rows
     * @param cols    number of columns
     * @param bias    one value per column from {@code biasOff}, or null
     * @param biasOff index of the first column's bias
     * @param relu    whether to rectify
     */
    public static void biasRelu(double[] y, int off, int ld, int rows, int cols, double[] bias, int biasOff,
                                boolean relu) {
        if (bias == null && !relu) {
            return;
        }
        for (int r = 0, o = off; r < rows; r++, o += ld) {
            for (int j = 0; j <= cols - LANES; j += LANES) {
                DoubleVector v = DoubleVector.fromArray(SPECIES, y, o + j);
                if (bias != null) {
                    v = v.add(DoubleVector.fromArray(SPECIES, bias, biasOff + j));
                }
                if (relu) {
                    v = v.max(0.0);
                }
                v.intoArray(y, o + j);
            }
        }
    }

    /**
     * dz = g · min(y · scale · scale, 1), the ReLU's mask, on rows×cols matrices stored densely;
     * with {@code sums}, also each column's sum of dz, rows added in order. Elements past the last
     * whole vector (of the matrix, or of each row with sums) run through a plain loop.
     *
     * @param g       the gradient (not modified)
     * @param gOff    index of its first element
     * @param y       the rectified output (not modified)
     * @param yOff    index of its first element
     * @param dz      the result (overwritten)
     * @param dzOff   index of its first element
     * @param rows    number of rows
     * @param cols    number of columns
     * @param sums    the column sums (overwritten), or null
     * @param sumsOff index of the first sum
     * @param scale   the factor that lifts any positive y to at least 1 when applied twice
     */
    public static void reluMask(double[] g, int gOff, double[] y, int yOff, double[] dz, int dzOff, int rows, int cols,
                                double[] sums, int sumsOff, double scale) {
        if (sums == null) {
            int n = rows * cols;
            int i = 0;
            for (; i <= n - LANES; i += LANES) {
                DoubleVector mask = DoubleVector.fromArray(SPECIES, y, yOff + i).mul(scale).mul(scale).min(1.0);
                DoubleVector.fromArray(SPECIES, g, gOff + i).mul(mask).intoArray(dz, dzOff + i);
            }
            for (; i < n; i++) {
                dz[dzOff + i] = g[gOff + i] * Math.min(y[yOff + i] * scale * scale, 1.0);
            }
            return;
        }
        Arrays.fill(sums, sumsOff, sumsOff + cols, 0.0);
        for (int r = 0, o = 0; r < rows; r++, o += cols) {
            int j = 0;
            for (; j <= cols - LANES; j += LANES) {
                DoubleVector mask = DoubleVector.fromArray(SPECIES, y, yOff + o + j).mul(scale).mul(scale).min(1.0);
                DoubleVector d = DoubleVector.fromArray(SPECIES, g, gOff + o + j).mul(mask);
                d.intoArray(dz, dzOff + o + j);
                DoubleVector.fromArray(SPECIES, sums, sumsOff + j).add(d).intoArray(sums, sumsOff + j);
            }
            for (; j < cols; j++) {
                double d = g[gOff + o + j] * Math.min(y[yOff + o + j] * scale * scale, 1.0);
                dz[dzOff + o + j] = d;
                sums[sumsOff + j] += d;
            }
        }
    }

    /**
     * Each column's sum of a dense rows×cols matrix, rows added in order; the columns past the last
     * whole vector through a plain loop.
     *
     * @param g       the matrix (not modified)
     * @param off     index of its first element
     * @param rows    number of rows
     * @param cols    number of columns
     * @param sums    the sums (overwritten)
     * @param sumsOff index of the first sum
     */
    public static void columnSums(double[] g, int off, int rows, int cols, double[] sums, int sumsOff) {
        Arrays.fill(sums, sumsOff, sumsOff + cols, 0.0);
        for (int r = 0, o = off; r < rows; r++, o += cols) {
            int j = 0;
            for (; j <= cols - LANES; j += LANES) {
                DoubleVector.fromArray(SPECIES, sums, sumsOff + j).add(DoubleVector.fromArray(SPECIES, g, o + j))
                        .intoArray(sums, sumsOff + j);
            }
            for (; j < cols; j++) {
                sums[sumsOff + j] += g[o + j];
            }
        }
    }

    /**
     * One output pixel of a 2×2 max pool over the whole vectors of its {@code c} channels.
     *
     * @param x      the input (not modified)
     * @param first  position of the first cell's first channel
     * @param second position of the second cell's
     * @param third  position of the third cell's
     * @param fourth position of the fourth cell's
     * @param c      channels
     * @param y      the output (modified at {@code o} to {@code o + c})
     * @param o      index of the pixel's first channel
     */
    public static void maxOfFour(double[] x, int first, int second, int third, int fourth, int c, double[] y,
                                 int o) {
        for (int ch = 0; ch <= c - LANES; ch += LANES) {
            DoubleVector.fromArray(SPECIES, x, first + ch)
                    .max(DoubleVector.fromArray(SPECIES, x, second + ch))
                    .max(DoubleVector.fromArray(SPECIES, x, third + ch))
                    .max(DoubleVector.fromArray(SPECIES, x, fourth + ch))
                    .intoArray(y, o + ch);
        }
    }

    /**
     * The backward step of {@link #maxOfFour}, on the same whole vectors of channels: each
     * channel's gradient to the first cell equal to the output or NaN (the fourth if none of the
     * first three is), 0 to the others.
     *
     * @param x      the forward input (not modified)
     * @param first  position of the first cell's first channel in x
     * @param second position of the second cell's
     * @param third  position of the third cell's
     * @param fourth position of the fourth cell's
     * @param c      channels
     * @param y      the forward output (not modified)
     * @param o      index of the pixel's first channel in y
     * @param dy     the output gradient (not modified)
     * @param d      index of the pixel's first channel in dy
     * @param dx     the input gradient (modified: the four cells' channels)
     * @param shift  a cell's position in dx minus its position in x
     */
    public static void maxOfFourBackward(double[] x, int first, int second, int third, int fourth, int c, double[] y,
                                         int o, double[] dy, int d, double[] dx, int shift) {
        for (int ch = 0; ch <= c - LANES; ch += LANES) {
            DoubleVector max = DoubleVector.fromArray(SPECIES, y, o + ch);
            DoubleVector g = DoubleVector.fromArray(SPECIES, dy, d + ch);
            VectorMask<Double> one = wins(x, first + ch, max);
            VectorMask<Double> taken = one;
            VectorMask<Double> two = wins(x, second + ch, max).andNot(taken);
            taken = taken.or(two);
            VectorMask<Double> three = wins(x, third + ch, max).andNot(taken);
            VectorMask<Double> four = taken.or(three).not();
            ZERO.blend(g, one).intoArray(dx, first + shift + ch);
            ZERO.blend(g, two).intoArray(dx, second + shift + ch);
            ZERO.blend(g, three).intoArray(dx, third + shift + ch);
            ZERO.blend(g, four).intoArray(dx, fourth + shift + ch);
        }
    }

    /** The lanes where the cell at {@code at} can win: equal to the maximum, or NaN. */
    private static VectorMask<Double> wins(double[] x, int at, DoubleVector max) {
        DoubleVector v = DoubleVector.fromArray(SPECIES, x, at);
        return v.compare(VectorOperators.EQ, max).or(v.test(VectorOperators.IS_NAN));
    }

    /**
     * One row of a direct convolution ({@code Simd.convRow}): three pixels by four vectors of
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
        // A long counter, as in VectorMicroKernel: C2 over-unrolls int-counted loops like this one.
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
     * The kernel and bias gradient of one {@link #convRow} ({@code Simd.convRowGrad}): per four
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
