package ai.lepton.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The channels-last loops of {@code ai.lepton.kernels.ChannelStats} (batch normalization) on the
 * Vector API: per-channel sums over rows, the per-channel affine map, and their gradients. Internal
 * to Lepton; {@code ChannelStatsLoops} documents the arithmetic. Each element is computed with the
 * plain version's operations in the same order and rows are added in order, so the results are
 * bit-identical to it; the channels past the last whole vector run through plain loops here.
 */
public final class ChannelStatsVectors {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private ChannelStatsVectors() {
    }

    /**
     * {@code s[c] += x[r][c]}, {@code q[c] += x[r][c]^2}, rows in order.
     *
     * @param x    the rows (not modified)
     * @param off  index of the first row's first element
     * @param rows number of rows
     * @param cols channels per row
     * @param s    the sums (modified)
     * @param q    the sums of squares (modified)
     */
    public static void sums(double[] x, int off, int rows, int cols, double[] s, double[] q) {
        for (int r = 0, o = off; r < rows; r++, o += cols) {
            int c = 0;
            for (; c <= cols - LANES; c += LANES) {
                DoubleVector v = DoubleVector.fromArray(SPECIES, x, o + c);
                DoubleVector.fromArray(SPECIES, s, c).add(v).intoArray(s, c);
                DoubleVector.fromArray(SPECIES, q, c).add(v.mul(v)).intoArray(q, c);
            }
            for (; c < cols; c++) {
                double v = x[o + c];
                s[c] += v;
                q[c] += v * v;
            }
        }
    }

    /**
     * {@code y[r][c] = x[r][c] * a[c] + b[c]}.
     *
     * @param x    the rows (not modified)
     * @param off  index of the first row's first element, in {@code x} and {@code y}
     * @param rows number of rows
     * @param cols channels per row
     * @param a    the scale per channel (not modified)
     * @param b    the shift per channel (not modified)
     * @param y    the output (modified)
     */
    public static void scaleShift(double[] x, int off, int rows, int cols, double[] a, double[] b, double[] y) {
        for (int r = 0, o = off; r < rows; r++, o += cols) {
            int c = 0;
            for (; c <= cols - LANES; c += LANES) {
                DoubleVector.fromArray(SPECIES, x, o + c).mul(DoubleVector.fromArray(SPECIES, a, c))
                        .add(DoubleVector.fromArray(SPECIES, b, c)).intoArray(y, o + c);
            }
            for (; c < cols; c++) {
                y[o + c] = x[o + c] * a[c] + b[c];
            }
        }
    }

    /**
     * {@code sg[c] += g[r][c]}, {@code sgx[c] += g[r][c] * (x[r][c] - mean[c])}, rows in order.
     *
     * @param g    the output gradient rows (not modified)
     * @param x    the input rows (not modified)
     * @param off  index of the first row's first element, in {@code g} and {@code x}
     * @param rows number of rows
     * @param cols channels per row
     * @param mean the mean per channel (not modified)
     * @param sg   the gradient sums (modified)
     * @param sgx  the sums of gradient times centred input (modified)
     */
    public static void gradientSums(double[] g, double[] x, int off, int rows, int cols, double[] mean, double[] sg,
                                    double[] sgx) {
        for (int r = 0, o = off; r < rows; r++, o += cols) {
            int c = 0;
            for (; c <= cols - LANES; c += LANES) {
                DoubleVector gv = DoubleVector.fromArray(SPECIES, g, o + c);
                DoubleVector centred = DoubleVector.fromArray(SPECIES, x, o + c).sub(DoubleVector.fromArray(SPECIES, mean, c));
                DoubleVector.fromArray(SPECIES, sg, c).add(gv).intoArray(sg, c);
                DoubleVector.fromArray(SPECIES, sgx, c).add(gv.mul(centred)).intoArray(sgx, c);
            }
            for (; c < cols; c++) {
                double gv = g[o + c];
                sg[c] += gv;
                sgx[c] += gv * (x[o + c] - mean[c]);
            }
        }
    }

    /**
     * {@code dx[r][c] = (a[c] * g[r][c] + b[c] * x[r][c]) + k[c]}.
     *
     * @param g    the output gradient rows (not modified)
     * @param x    the input rows (not modified)
     * @param off  index of the first row's first element, in {@code g}, {@code x} and {@code dx}
     * @param rows number of rows
     * @param cols channels per row
     * @param a    the factor of g per channel (not modified)
     * @param b    the factor of x per channel (not modified)
     * @param k    the constant per channel (not modified)
     * @param dx   the input gradient (modified)
     */
    public static void inputGradient(double[] g, double[] x, int off, int rows, int cols, double[] a, double[] b, double[] k,
                                     double[] dx) {
        for (int r = 0, o = off; r < rows; r++, o += cols) {
            int c = 0;
            for (; c <= cols - LANES; c += LANES) {
                DoubleVector.fromArray(SPECIES, a, c).mul(DoubleVector.fromArray(SPECIES, g, o + c))
                        .add(DoubleVector.fromArray(SPECIES, b, c).mul(DoubleVector.fromArray(SPECIES, x, o + c)))
                        .add(DoubleVector.fromArray(SPECIES, k, c)).intoArray(dx, o + c);
            }
            for (; c < cols; c++) {
                dx[o + c] = a[c] * g[o + c] + b[c] * x[o + c] + k[c];
            }
        }
    }
}
