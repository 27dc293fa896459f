package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Shapes;
import java.util.Arrays;

/**
 * The base of the constraints on the norms of a weight's slices ({@link MaxNorm},
 * {@link MinMaxNorm}, {@link UnitNorm}), as Keras's: the L2 norm {@code n} of each slice along the
 * given axes is computed, and the slice is scaled by {@code desired(n) / (1e-7 + n)}, Keras's
 * epsilon keeping an all-zero slice at zero. Axes count from 0 and may be negative; a Dense kernel
 * {@code (in, out)} with axis 0 constrains the incoming weights of each unit.
 */
abstract class NormConstraint implements Constraint {
    /** Keras's {@code backend.epsilon()}, added to each norm before dividing. */
    static final double EPSILON = 1e-7;

    private final int[] axes;

    /**
     * @param owner the constraint's class name, for messages
     * @param axes the axes whose slices are normalized, at least one
     * @throws IllegalArgumentException if no axis is given or one repeats
     */
    NormConstraint(String owner, int[] axes) {
        if (axes.length == 0 || Arrays.stream(axes).distinct().count() != axes.length) {
            throw new IllegalArgumentException(owner + ": axis must name one or more distinct axes. Received: axis="
                    + Arrays.toString(axes));
        }
        this.axes = axes.clone();
    }

    /**
     * @param norm a slice's L2 norm
     * @return the norm the slice should have
     */
    abstract double desired(double norm);

    /** @return the axes, a copy */
    public final int[] axis() {
        return axes.clone();
    }

    @Override
    public final void applyInPlace(double[] values, int[] shape) {
        int[] slice = sliceIndex(shape);
        double[] norms = new double[Arrays.stream(slice).max().orElse(-1) + 1];
        for (int i = 0; i < values.length; i++) {
            norms[slice[i]] += values[i] * values[i];
        }
        for (int s = 0; s < norms.length; s++) {
            double n = Math.sqrt(norms[s]);
            norms[s] = desired(n) / (EPSILON + n);
        }
        for (int i = 0; i < values.length; i++) {
            values[i] *= norms[slice[i]];
        }
    }

    /** For each element, the index of its slice: its index with the constrained axes left out. */
    private int[] sliceIndex(int[] shape) {
        boolean[] reduced = new boolean[shape.length];
        for (int a : axes) {
            int axis = a < 0 ? a + shape.length : a;
            if (axis < 0 || axis >= shape.length) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": axis " + a + " is out of range for a weight of shape "
                        + Shapes.format(shape) + ". Received: axis=" + Arrays.toString(axes));
            }
            reduced[axis] = true;
        }
        int[] index = new int[Shapes.size(shape)];
        int[] at = new int[shape.length];
        for (int i = 0; i < index.length; i++) {
            int s = 0;
            for (int d = 0; d < shape.length; d++) {
                if (!reduced[d]) {
                    s = s * shape[d] + at[d];
                }
            }
            index[i] = s;
            for (int d = shape.length - 1; d >= 0 && ++at[d] == shape[d]; d--) {
                at[d] = 0;
            }
        }
        return index;
    }

    /**
     * Puts the axes into a config as Keras writes them: one number, or a list.
     *
     * @param config the constraint's config (modified)
     * @return {@code config}
     */
    final Config putAxis(Config config) {
        return axes.length == 1 ? config.put("axis", axes[0]) : config.put("axis", axes.clone());
    }

    /**
     * Reads the axes of a config.
     *
     * @param config a constraint's config
     * @return the axes; Keras's default 0 when absent
     */
    static int[] axisOf(Config config) {
        return config.get("axis") == null ? new int[] {0} : config.getInts("axis");
    }

    /**
     * Checks a norm bound.
     *
     * @param owner the constraint, for the message
     * @param setting the bound's name
     * @param value the value received
     * @return {@code value}
     * @throws IllegalArgumentException if it is negative or NaN
     */
    static double requireNonNegative(String owner, String setting, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(owner + ": " + setting + " must be a non-negative number. Received: " + setting + "="
                    + value);
        }
        return value;
    }
}
