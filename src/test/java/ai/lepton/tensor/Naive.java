package ai.lepton.tensor;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;

/**
 * Slow, obviously correct reference implementations for the tests: every element is found by its
 * multi-index, with no strides, views or fast paths shared with the code under test.
 */
public final class Naive {
    private Naive() {
    }

    /** The multi-index of flat position {@code flat} in a row-major {@code shape}. */
    public static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    /** The flat position of {@code index} in a row-major {@code shape}. */
    public static int ravel(int[] index, int[] shape) {
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            flat = flat * shape[d] + index[d];
        }
        return flat;
    }

    /** The number of elements of {@code shape}. */
    public static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** NumPy's broadcast shape, or {@code null} when the shapes do not broadcast. */
    public static int[] broadcastShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            int da = dimFromEnd(a, rank - d);
            int db = dimFromEnd(b, rank - d);
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[d] = Math.max(da, db);
        }
        return out;
    }

    private static int dimFromEnd(int[] shape, int fromEnd) {
        return fromEnd <= shape.length ? shape[shape.length - fromEnd] : 1;
    }

    /** The element of an operand of shape {@code own} that lands at {@code outIndex} after broadcasting. */
    public static int sourceOf(int[] outIndex, int[] own) {
        int[] index = new int[own.length];
        int offset = outIndex.length - own.length;
        for (int d = 0; d < own.length; d++) {
            index[d] = own[d] == 1 ? 0 : outIndex[d + offset];
        }
        return ravel(index, own);
    }

    /** {@code f(a, b)} elementwise, broadcast to {@code out}. */
    public static double[] broadcast(double[] a, int[] as, double[] b, int[] bs, int[] out, DoubleBinaryOperator f) {
        double[] result = new double[size(out)];
        for (int o = 0; o < result.length; o++) {
            int[] index = unravel(o, out);
            result[o] = f.applyAsDouble(a[sourceOf(index, as)], b[sourceOf(index, bs)]);
        }
        return result;
    }

    /** Sums {@code grad} of shape {@code from} into an operand of shape {@code to} that broadcast to it. */
    public static double[] sumTo(double[] grad, int[] from, int[] to) {
        double[] result = new double[size(to)];
        for (int o = 0; o < grad.length; o++) {
            result[sourceOf(unravel(o, from), to)] += grad[o];
        }
        return result;
    }

    /** The shape with {@code axis} removed, or kept as 1. */
    public static int[] reducedShape(int[] shape, int axis, boolean keepDims) {
        int[] out = new int[keepDims ? shape.length : shape.length - 1];
        for (int d = 0, j = 0; d < shape.length; d++) {
            if (d != axis) {
                out[j++] = shape[d];
            } else if (keepDims) {
                out[j++] = 1;
            }
        }
        return out;
    }

    /** The reduction of {@code x} along a non-negative {@code axis} by {@code f}, starting from {@code identity}. */
    public static double[] reduce(double[] x, int[] shape, int axis, double identity, DoubleBinaryOperator f) {
        int[] out = reducedShape(shape, axis, true);
        double[] result = new double[size(out)];
        Arrays.fill(result, identity);
        for (int e = 0; e < x.length; e++) {
            int[] index = unravel(e, shape);
            index[axis] = 0;
            int r = ravel(index, out);
            result[r] = f.applyAsDouble(result[r], x[e]);
        }
        return result;
    }

    /** Axis {@code i} of the result is axis {@code perm[i]} of {@code x}. */
    public static double[] transpose(double[] x, int[] shape, int[] perm) {
        int[] out = new int[shape.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = shape[perm[i]];
        }
        double[] result = new double[x.length];
        for (int o = 0; o < result.length; o++) {
            int[] outIndex = unravel(o, out);
            int[] inIndex = new int[shape.length];
            for (int i = 0; i < out.length; i++) {
                inIndex[perm[i]] = outIndex[i];
            }
            result[o] = x[ravel(inIndex, shape)];
        }
        return result;
    }

    /** Batched matrix product with broadcast batch dimensions, one dot product per output element. */
    public static double[] matmul(double[] a, int[] as, double[] b, int[] bs, int[] out) {
        int rank = out.length;
        int k = as[as.length - 1];
        double[] result = new double[size(out)];
        for (int o = 0; o < result.length; o++) {
            int[] index = unravel(o, out);
            double s = 0;
            for (int p = 0; p < k; p++) {
                int[] ai = index.clone();
                ai[rank - 1] = p;
                int[] bi = index.clone();
                bi[rank - 2] = p;
                s += a[sourceOfMatrix(ai, as)] * b[sourceOfMatrix(bi, bs)];
            }
            result[o] = s;
        }
        return result;
    }

    /** Like {@link #sourceOf}, but the last two axes are matrix axes and never broadcast. */
    private static int sourceOfMatrix(int[] outIndex, int[] own) {
        int[] index = new int[own.length];
        int offset = outIndex.length - own.length;
        for (int d = 0; d < own.length; d++) {
            boolean batchAxis = d < own.length - 2;
            index[d] = batchAxis && own[d] == 1 ? 0 : outIndex[d + offset];
        }
        return ravel(index, own);
    }

    /**
     * A random shape of rank 0 to {@code maxRank} with dimensions 1 to 4, where each dimension is
     * 1 with probability one in three (so that broadcasting is exercised).
     */
    public static int[] randomShape(Random random, int maxRank) {
        int[] shape = new int[random.nextInt(maxRank + 1)];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = random.nextInt(3) == 0 ? 1 : 1 + random.nextInt(4);
        }
        return shape;
    }

    /**
     * A random shape that broadcasts with {@code other}: aligned at the end, each dimension is
     * either {@code other}'s or 1, and the rank may be smaller or larger.
     */
    public static int[] compatibleShape(Random random, int[] other, int maxRank) {
        int rank = random.nextInt(maxRank + 1);
        int[] shape = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int theirs = dimFromEnd(other, i);
            boolean free = i > other.length;
            shape[rank - i] = random.nextInt(3) == 0 ? 1 : free ? 1 + random.nextInt(4) : theirs;
        }
        return shape;
    }
}
