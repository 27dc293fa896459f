package ai.lepton.kernels.vector;

import java.util.Arrays;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The bias and ReLU passes on the Vector API ({@code ai.lepton.kernels.BiasReluLoops} documents
 * the arithmetic): each element computed with the plain version's operations in the same order,
 * so the results are bit-identical to it. Internal to Lepton.
 */
public final class BiasReluVectors {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private BiasReluVectors() {
    }

    /**
     * The doubles per vector. {@link #biasRelu} handles whole vectors only (its caller finishes
     * the last {@code cols mod lanes} columns in plain Java); the other loops finish their rows
     * themselves.
     *
     * @return e.g. 8 with 512-bit vectors
     */
    public static int lanes() {
        return LANES;
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
}
