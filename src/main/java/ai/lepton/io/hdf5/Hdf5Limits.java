package ai.lepton.io.hdf5;

import ai.lepton.io.LoadLimits;

/**
 * Bounds on what reading one HDF5 file may cost, so that a hostile or corrupt file is an error
 * instead of an {@link OutOfMemoryError}, a stack overflow or a hang.
 *
 * <pre>{@code
 * Hdf5Group root = Hdf5File.read(Path.of("model.weights.h5"), Hdf5Limits.DEFAULT.withMaxReadBytes(64L << 20));
 * }</pre>
 *
 * @param maxReadBytes the most bytes read from the file and decoded in total (metadata, values
 *        and strings): a budget that every declared size is checked against before anything is
 *        allocated
 * @param maxDepth the deepest nesting of groups, counting the root as 0
 * @param maxObjects the most groups and datasets visited (an object linked from two groups counts twice)
 */
public record Hdf5Limits(long maxReadBytes, int maxDepth, int maxObjects) {
    /**
     * Reading up to 2 GiB or half the JVM's maximum heap, whichever is smaller (so that no file can
     * exhaust the heap), 64 levels of groups and a million objects: more than any Keras model needs.
     */
    public static final Hdf5Limits DEFAULT = new Hdf5Limits(Math.min(1L << 31, Runtime.getRuntime().maxMemory() / 2),
            64, 1_000_000);

    /**
     * The limits a model load uses: {@link #DEFAULT}'s, with the read budget of
     * {@link LoadLimits#maxBytes()} as the system properties and the heap give it now.
     *
     * @return the limits for loading a Keras file
     */
    public static Hdf5Limits forLoading() {
        return DEFAULT.withMaxReadBytes(LoadLimits.maxBytes());
    }

    /**
     * Checks that every bound is positive.
     *
     * @param maxReadBytes the most bytes read and decoded in total
     * @param maxDepth the deepest nesting of groups
     * @param maxObjects the most objects visited
     * @throws IllegalArgumentException if a bound is not positive
     */
    public Hdf5Limits {
        if (maxReadBytes <= 0 || maxDepth <= 0 || maxObjects <= 0) {
            throw new IllegalArgumentException("HDF5 limits must be positive. Received: maxReadBytes=" + maxReadBytes
                    + ", maxDepth=" + maxDepth + ", maxObjects=" + maxObjects);
        }
    }

    /**
     * @param bytes the most bytes read and decoded in total
     * @return these limits with that read budget
     */
    public Hdf5Limits withMaxReadBytes(long bytes) {
        return new Hdf5Limits(bytes, maxDepth, maxObjects);
    }

    /**
     * @param depth the deepest nesting of groups
     * @return these limits with that depth
     */
    public Hdf5Limits withMaxDepth(int depth) {
        return new Hdf5Limits(maxReadBytes, depth, maxObjects);
    }

    /**
     * @param objects the most objects visited
     * @return these limits with that object count
     */
    public Hdf5Limits withMaxObjects(int objects) {
        return new Hdf5Limits(maxReadBytes, maxDepth, objects);
    }
}
