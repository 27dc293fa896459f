package ai.lepton.tensor;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * Facts about shapes ({@code int[]} dimension lists): sizes, strides, axes and the one formatter
 * that every shape message in Lepton uses.
 *
 * <pre>{@code
 * Shapes.format(new int[] {32, 784});   // "(32, 784)"
 * Shapes.size(new int[] {2, 3, 4});     // 24
 * }</pre>
 */
public final class Shapes {
    private Shapes() {
    }

    /**
     * Formats a shape as Python and Keras print it: {@code (32, 784)}, {@code (5,)}, {@code ()}.
     *
     * @param shape the dimensions (not modified)
     * @return the text form
     */
    public static String format(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringJoiner joiner = new StringJoiner(", ", "(", ")");
        for (int d : shape) {
            joiner.add(Integer.toString(d));
        }
        return joiner.toString();
    }

    /**
     * Formats a per-example shape with a leading {@code None} batch dimension, as Keras's
     * {@code summary()} does: {@code (None, 26, 26, 32)}.
     *
     * @param shapeWithoutBatch the per-example dimensions (not modified)
     * @return the text form
     */
    public static String formatBatched(int[] shapeWithoutBatch) {
        StringJoiner joiner = new StringJoiner(", ", "(", ")");
        joiner.add("None");
        for (int d : shapeWithoutBatch) {
            joiner.add(Integer.toString(d));
        }
        return joiner.toString();
    }

    /**
     * The number of elements of a shape: the product of its dimensions (1 for a scalar).
     *
     * @param shape the dimensions (not modified)
     * @return the element count
     * @throws ShapeException if a dimension is negative or the count overflows an {@code int}
     */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw ShapeException.of("shape", shape, "dimension " + d + " is negative");
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw ShapeException.of("shape", shape, "more than " + Integer.MAX_VALUE + " elements");
            }
        }
        return (int) n;
    }

    /**
     * Row-major strides: {@code strides[i]} is the distance in the flat array between
     * neighbours along axis {@code i}.
     *
     * @param shape the dimensions (not modified)
     * @return a new array of strides
     */
    public static int[] strides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    /**
     * Turns a possibly negative axis into its index, so that {@code -1} is the last axis.
     *
     * @param op the operation asking, for the error message
     * @param shape the tensor's shape (not modified)
     * @param axis an axis in {@code [-rank, rank)}
     * @return the axis in {@code [0, rank)}
     * @throws ShapeException if the axis is out of range
     */
    public static int axis(String op, int[] shape, int axis) {
        int rank = shape.length;
        if (axis < -rank || axis >= rank) {
            throw ShapeException.of(op, shape, "axis " + axis + " is out of range for rank " + rank);
        }
        return axis < 0 ? axis + rank : axis;
    }

    /**
     * The product of the dimensions in {@code [from, to)}.
     *
     * @param shape the dimensions (not modified)
     * @param from the first axis, inclusive
     * @param to the last axis, exclusive
     * @return the product (1 for an empty range)
     */
    public static int product(int[] shape, int from, int to) {
        int n = 1;
        for (int i = from; i < to; i++) {
            n *= shape[i];
        }
        return n;
    }

    /**
     * The shape with one axis removed, or set to 1 when {@code keepDims} is true.
     *
     * @param shape the dimensions (not modified)
     * @param axis a non-negative axis
     * @param keepDims whether to keep the axis with size 1
     * @return a new shape
     */
    public static int[] reduce(int[] shape, int axis, boolean keepDims) {
        if (keepDims) {
            int[] out = shape.clone();
            out[axis] = 1;
            return out;
        }
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != axis) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    /**
     * Whether two shapes are equal.
     *
     * @param a a shape (not modified)
     * @param b a shape (not modified)
     * @return true when they have the same rank and dimensions
     */
    public static boolean equal(int[] a, int[] b) {
        return Arrays.equals(a, b);
    }
}
