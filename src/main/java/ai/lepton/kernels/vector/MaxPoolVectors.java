package ai.lepton.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The max pool's loops on the Vector API ({@code ai.lepton.kernels.MaxPoolLoops} documents
 * them): the same comparisons as the plain version, so the results are bit-identical to it.
 * Internal to Lepton.
 */
public final class MaxPoolVectors {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final DoubleVector ZERO = DoubleVector.zero(SPECIES);

    private MaxPoolVectors() {
    }

    /**
     * The doubles per vector. The loops here handle whole vectors only: their callers finish the
     * last {@code n mod lanes} elements in plain Java.
     *
     * @return e.g. 8 with 512-bit vectors
     */
    public static int lanes() {
        return LANES;
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

    /**
     * One output pixel of any window over whole vectors of channels: the largest of its cells,
     * folded with {@code max} in order from the first.
     *
     * @param x     the input (not modified)
     * @param cells each cell's first channel in x, in scanning order
     * @param n     how many cells (at least 1)
     * @param y     the output (modified at {@code o + from} to {@code o + to})
     * @param o     index of the pixel's first channel in y
     * @param from  the first channel
     * @param to    the end of the channels, {@code from} plus a multiple of {@link #lanes()}
     */
    public static void maxOfCells(double[] x, int[] cells, int n, double[] y, int o, int from, int to) {
        for (int ch = from; ch < to; ch += LANES) {
            DoubleVector best = DoubleVector.fromArray(SPECIES, x, cells[0] + ch);
            for (int t = 1; t < n; t++) {
                best = best.max(DoubleVector.fromArray(SPECIES, x, cells[t] + ch));
            }
            best.intoArray(y, o + ch);
        }
    }

    /**
     * The backward step of {@link #maxOfCells}, adding (windows may overlap): each channel's
     * gradient to the first cell equal to the output or NaN; the other cells keep their values.
     *
     * @param x     the forward input (not modified)
     * @param cells each cell's first channel in x, in scanning order
     * @param n     how many cells
     * @param y     the forward output (not modified)
     * @param o     index of the pixel's first channel in y
     * @param dy    the output gradient (not modified)
     * @param d     index of the pixel's first channel in dy
     * @param dx    the input gradient (added to at the winners)
     * @param shift a cell's position in dx minus its position in x
     * @param from  the first channel
     * @param to    the end of the channels, {@code from} plus a multiple of {@link #lanes()}
     * @return -1, or the first channel no cell of the window wins (then x and y are not a forward
     *         pass's and dx is partly updated)
     */
    public static int maxOfCellsBackward(double[] x, int[] cells, int n, double[] y, int o, double[] dy, int d,
                                         double[] dx, int shift, int from, int to) {
        for (int ch = from; ch < to; ch += LANES) {
            DoubleVector max = DoubleVector.fromArray(SPECIES, y, o + ch);
            DoubleVector g = DoubleVector.fromArray(SPECIES, dy, d + ch);
            VectorMask<Double> taken = SPECIES.maskAll(false);
            for (int t = 0; t < n; t++) {
                VectorMask<Double> hit = wins(x, cells[t] + ch, max).andNot(taken);
                int at = cells[t] + shift + ch;
                DoubleVector sum = DoubleVector.fromArray(SPECIES, dx, at);
                sum.blend(sum.add(g), hit).intoArray(dx, at);
                taken = taken.or(hit);
            }
            if (!taken.allTrue()) {
                return ch + taken.not().firstTrue();
            }
        }
        return -1;
    }

    /** The lanes where the cell at {@code at} can win: equal to the maximum, or NaN. */
    private static VectorMask<Double> wins(double[] x, int at, DoubleVector max) {
        DoubleVector v = DoubleVector.fromArray(SPECIES, x, at);
        return v.compare(VectorOperators.EQ, max).or(v.test(VectorOperators.IS_NAN));
    }
}
