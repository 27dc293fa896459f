package ai.lepton.io.hdf5;

import java.util.Map;

/**
 * An HDF5 dataset: a typed, shaped array with attributes.
 *
 * @param path the absolute path, e.g. {@code /layers/dense/vars/0}
 * @param value the contents
 * @param attributes the attributes by name (copied, unmodifiable)
 */
public record Hdf5Dataset(String path, Hdf5Value value, Map<String, Hdf5Value> attributes) implements Hdf5Node {
    /**
     * Copies the attributes.
     *
     * @param path the absolute path
     * @param value the contents
     * @param attributes the attributes by name
     */
    public Hdf5Dataset {
        attributes = Hdf5Group.sortedCopy(attributes);
    }

    /** @return the dimensions; empty for a scalar */
    public int[] shape() {
        return value.shape();
    }

    /** @return the element type */
    public Hdf5Type type() {
        return value.type();
    }
}
