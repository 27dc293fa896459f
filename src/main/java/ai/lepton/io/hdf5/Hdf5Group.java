package ai.lepton.io.hdf5;

import ai.lepton.io.ModelFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HDF5 group: named children (groups and datasets) and attributes. Immutable; children and
 * attributes are kept in name order (bytes of UTF-8, as h5py lists them). Trees to write are made
 * with a {@link Builder}.
 *
 * <pre>{@code
 * Hdf5Group.Builder root = Hdf5Group.builder();
 * root.group("layers/dense/vars").attribute("name", Hdf5Value.string("dense"))
 *     .dataset("0", Hdf5Value.float32(new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6}));
 * Hdf5Group tree = root.build();
 * double[] kernel = tree.dataset("layers/dense/vars/0").value().doubles();
 * }</pre>
 *
 * @param path the absolute path; {@code /} for the root
 * @param children the children by name (copied, unmodifiable)
 * @param attributes the attributes by name (copied, unmodifiable)
 */
public record Hdf5Group(String path, Map<String, Hdf5Node> children, Map<String, Hdf5Value> attributes)
        implements Hdf5Node {
    /** HDF5 (and h5py) order names by their bytes, unsigned: {@code strcmp} on UTF-8. */
    static final Comparator<String> NAME_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    /**
     * Copies the maps in name order.
     *
     * @param path the absolute path
     * @param children the children by name
     * @param attributes the attributes by name
     */
    public Hdf5Group {
        children = sortedCopy(children);
        attributes = sortedCopy(attributes);
    }

    /** @return an empty builder for a root group */
    public static Builder builder() {
        return new Builder("/");
    }

    /**
     * @param relativePath names separated by {@code /}, e.g. {@code layers/dense/vars}
     * @return the node at that path below this group, if there is one
     */
    public Optional<Hdf5Node> find(String relativePath) {
        Hdf5Node node = this;
        for (String name : relativePath.split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            if (!(node instanceof Hdf5Group group) || !group.children.containsKey(name)) {
                return Optional.empty();
            }
            node = group.children.get(name);
        }
        return Optional.of(node);
    }

    /**
     * @param relativePath names separated by {@code /}
     * @return the group at that path
     * @throws ModelFormatException if there is no group at that path
     */
    public Hdf5Group group(String relativePath) {
        if (find(relativePath).orElse(null) instanceof Hdf5Group g) {
            return g;
        }
        throw new ModelFormatException(missing("group", relativePath));
    }

    /**
     * @param relativePath names separated by {@code /}
     * @return the dataset at that path
     * @throws ModelFormatException if there is no dataset at that path
     */
    public Hdf5Dataset dataset(String relativePath) {
        if (find(relativePath).orElse(null) instanceof Hdf5Dataset d) {
            return d;
        }
        throw new ModelFormatException(missing("dataset", relativePath));
    }

    private String missing(String kind, String relativePath) {
        Hdf5Group deepest = this;
        for (String name : relativePath.split("/")) {
            if (!(deepest.children.get(name) instanceof Hdf5Group g)) {
                break;
            }
            deepest = g;
        }
        String full = (path.endsWith("/") ? path : path + "/") + relativePath;
        return "the HDF5 file has no " + kind + " at " + full + " (" + deepest.path + " holds "
                + deepest.children.keySet() + ")";
    }

    static <V> Map<String, V> sortedCopy(Map<String, V> map) {
        TreeMap<String, V> sorted = new TreeMap<>(NAME_ORDER);
        sorted.putAll(map);
        return Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    /**
     * Builds a group to write: children and attributes are added by name; a name may be given once.
     */
    public static final class Builder {
        private final String path;
        private final Map<String, Object> children = new LinkedHashMap<>();
        private final Map<String, Hdf5Value> attributes = new LinkedHashMap<>();

        private Builder(String path) {
            this.path = path;
        }

        /**
         * Returns the child group at a path below this one, making the groups that do not exist yet.
         *
         * @param relativePath names separated by {@code /}
         * @return the builder of that group
         * @throws IllegalArgumentException if a name is invalid or already names a dataset
         */
        public Builder group(String relativePath) {
            Builder b = this;
            for (String name : relativePath.split("/", -1)) {
                b = b.child(name);
            }
            return b;
        }

        private Builder child(String name) {
            checkName(name);
            Object existing = children.get(name);
            if (existing instanceof Builder b) {
                return b;
            }
            if (existing != null) {
                throw new IllegalArgumentException(childPath(name) + " is already a dataset");
            }
            Builder b = new Builder(childPath(name));
            children.put(name, b);
            return b;
        }

        /**
         * Adds a dataset without attributes.
         *
         * @param name the dataset's name in this group
         * @param value its contents
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder dataset(String name, Hdf5Value value) {
            return dataset(name, value, Map.of());
        }

        /**
         * Adds a dataset.
         *
         * @param name the dataset's name in this group
         * @param value its contents
         * @param datasetAttributes its attributes (copied)
         * @return this builder
         * @throws IllegalArgumentException if a name is invalid or taken
         */
        public Builder dataset(String name, Hdf5Value value, Map<String, Hdf5Value> datasetAttributes) {
            checkName(name);
            datasetAttributes.keySet().forEach(Builder::checkAttributeName);
            if (children.containsKey(name)) {
                throw new IllegalArgumentException(childPath(name) + " is already defined");
            }
            children.put(name, new Hdf5Dataset(childPath(name), value, datasetAttributes));
            return this;
        }

        /**
         * Sets an attribute of this group.
         *
         * @param name the attribute's name
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or taken
         */
        public Builder attribute(String name, Hdf5Value value) {
            checkAttributeName(name);
            if (attributes.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("attribute '" + name + "' of " + path + " is already set");
            }
            return this;
        }

        /** @return the group with everything added so far */
        public Hdf5Group build() {
            Map<String, Hdf5Node> built = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : children.entrySet()) {
                built.put(e.getKey(), e.getValue() instanceof Builder b ? b.build() : (Hdf5Node) e.getValue());
            }
            return new Hdf5Group(path, built, attributes);
        }

        private String childPath(String name) {
            return (path.equals("/") ? "" : path) + "/" + name;
        }

        private static void checkName(String name) {
            if (name.isEmpty() || name.equals(".") || name.contains("/") || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an HDF5 link name must be non-empty, not '.', and free of '/' and "
                        + "NUL. Received: '" + name + "'");
            }
        }

        private static void checkAttributeName(String name) {
            if (name.isEmpty() || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an HDF5 attribute name must be non-empty and free of NUL. Received: '"
                        + name + "'");
            }
        }
    }
}
