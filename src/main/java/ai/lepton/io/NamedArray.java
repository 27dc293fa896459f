package ai.lepton.io;

import ai.lepton.tensor.Shapes;

/**
 * One array stored in a model file: a weight or an optimizer slot, with its name and shape.
 *
 * <pre>{@code
 * NamedArray kernel = new NamedArray("dense/kernel", new int[] {4, 3}, new double[12]);
 * }</pre>
 *
 * @param name a unique name within the file, e.g. {@code dense/kernel}
 * @param shape the dimensions
 * @param values the values, row-major, of the shape's size
 */
public record NamedArray(String name, int[] shape, double[] values) {
    /**
     * Checks that the values fill the shape, and copies the shape.
     *
     * @param name a unique name within the file
     * @param shape the dimensions (copied)
     * @param values the values, row-major
     * @throws IllegalArgumentException if the values do not fill the shape
     */
    public NamedArray {
        shape = shape.clone();
        if (Shapes.size(shape) != values.length) {
            throw new IllegalArgumentException("array '" + name + "': " + values.length + " values do not fill shape "
                    + Shapes.format(shape));
        }
    }

    /** @return a copy of the shape */
    @Override
    public int[] shape() {
        return shape.clone();
    }
}
