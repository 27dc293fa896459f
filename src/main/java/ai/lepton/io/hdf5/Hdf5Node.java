package ai.lepton.io.hdf5;

import java.util.Map;
import java.util.Optional;

/**
 * An object in an HDF5 file: a group or a dataset, with its absolute path and its attributes.
 */
public sealed interface Hdf5Node permits Hdf5Group, Hdf5Dataset {
    /** @return the absolute path, e.g. {@code /layers/dense/vars/0}; {@code /} for the root group */
    String path();

    /** @return the last segment of the path; empty for the root group */
    default String name() {
        String p = path();
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** @return the attributes by name, in name order (unmodifiable) */
    Map<String, Hdf5Value> attributes();

    /**
     * @param name an attribute's name
     * @return the attribute, if present
     */
    default Optional<Hdf5Value> attribute(String name) {
        return Optional.ofNullable(attributes().get(name));
    }
}
