package ai.lepton.tensor;

import java.util.function.DoubleBinaryOperator;

/**
 * NumPy's broadcasting rules: the result shape of two operands, an elementwise loop over broadcast
 * operands, and the reverse step that sums a broadcast gradient back to an operand's shape.
 *
 * <p>Shapes are aligned at their last axis; two dimensions fit when they are equal or one of them
 * is 1. For example {@code (3, 1, 4)} and {@code (5, 4)} broadcast to {@code (3, 5, 4)}.
 *
 * <pre>{@code
 * int[] out = Broadcast.shape("add", new int[] {3, 1, 4}, new int[] {5, 4});  // {3, 5, 4}
 * }</pre>
 */
public final class Broadcast {
    private Broadcast() {
    }

    /**
     * The shape two operands broadcast to.
     *
     * @param op the operation's name, for the error message
     * @param a the first shape (not modified)
     * @param b the second shape (not modified)
     * @return a new array holding the broadcast shape
     * @throws ShapeException if some aligned dimensions differ and neither is 1
     */
    public static int[] shape(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int da = i <= a.length ? a[a.length - i] : 1;
            int db = i <= b.length ? b[b.length - i] : 1;
            if (da != db && da != 1 && db != 1) {
                throw ShapeException.of(op, a, b,
                        "cannot broadcast: axis -" + i + " has sizes " + da + " and " + db);
            }
            out[rank - i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Applies {@code f} elementwise to two operands broadcast to {@code out}.
     *
     * @param a the first operand's data (not modified)
     * @param as the first operand's shape (not modified)
     * @param b the second operand's data (not modified)
     * @param bs the second operand's shape (not modified)
     * @param out a shape both operands broadcast to, usually from {@link #shape} (not modified)
     * @param f the elementwise function
     * @return a new array of {@code Shapes.size(out)} results
     */
    public static double[] apply(double[] a, int[] as, double[] b, int[] bs, int[] out, DoubleBinaryOperator f) {
        int n = Shapes.size(out);
        double[] result = new double[n];
        if (a.length == n && b.length == n) {
            for (int i = 0; i < n; i++) {
                result[i] = f.applyAsDouble(a[i], b[i]);
            }
        } else if (b.length == 1 && a.length == n) {
            double s = b[0];
            for (int i = 0; i < n; i++) {
                result[i] = f.applyAsDouble(a[i], s);
            }
        } else if (a.length == 1 && b.length == n) {
            double s = a[0];
            for (int i = 0; i < n; i++) {
                result[i] = f.applyAsDouble(s, b[i]);
            }
        } else {
            int[] sa = strides(as, out);
            int[] sb = strides(bs, out);
            int rank = out.length;
            int inner = out[rank - 1];
            int ia = sa[rank - 1];
            int ib = sb[rank - 1];
            int[] index = new int[rank];
            for (int o = 0; o < n; o += inner) {
                int pa = 0;
                int pb = 0;
                for (int d = 0; d < rank - 1; d++) {
                    pa += index[d] * sa[d];
                    pb += index[d] * sb[d];
                }
                for (int j = 0; j < inner; j++) {
                    result[o + j] = f.applyAsDouble(a[pa + j * ia], b[pb + j * ib]);
                }
                increment(index, out, rank - 1);
            }
        }
        return result;
    }

    /**
     * Sums a gradient of shape {@code from} over the axes that broadcasting expanded, giving a
     * gradient of shape {@code to}. This is the reverse of broadcasting {@code to} up to {@code from},
     * and the one place in Lepton where that reduction happens.
     *
     * @param grad the gradient in the broadcast shape (not modified)
     * @param from the broadcast shape (not modified)
     * @param to the operand's own shape, which broadcasts to {@code from} (not modified)
     * @return a new array of {@code Shapes.size(to)} sums
     */
    public static double[] sumTo(double[] grad, int[] from, int[] to) {
        int n = Shapes.size(to);
        double[] result = new double[n];
        if (n == 1) {
            double s = 0;
            for (double g : grad) {
                s += g;
            }
            result[0] = s;
            return result;
        }
        int[] st = strides(to, from);
        int rank = from.length;
        int inner = from[rank - 1];
        int it = st[rank - 1];
        int[] index = new int[rank];
        for (int o = 0; o < grad.length; o += inner) {
            int pt = 0;
            for (int d = 0; d < rank - 1; d++) {
                pt += index[d] * st[d];
            }
            for (int j = 0; j < inner; j++) {
                result[pt + j * it] += grad[o + j];
            }
            increment(index, from, rank - 1);
        }
        return result;
    }

    /**
     * Strides of {@code shape} seen from the broadcast shape {@code out}: 0 along axes that
     * {@code shape} lacks or holds with size 1.
     */
    private static int[] strides(int[] shape, int[] out) {
        int[] own = Shapes.strides(shape);
        int[] result = new int[out.length];
        int offset = out.length - shape.length;
        for (int d = 0; d < shape.length; d++) {
            result[d + offset] = shape[d] == 1 ? 0 : own[d];
        }
        return result;
    }

    /** Advances a row-major multi-index over the first {@code axes} axes of {@code shape}. */
    private static void increment(int[] index, int[] shape, int axes) {
        for (int d = axes - 1; d >= 0; d--) {
            if (++index[d] < shape[d]) {
                return;
            }
            index[d] = 0;
        }
    }
}
