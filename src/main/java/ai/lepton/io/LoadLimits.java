package ai.lepton.io;

/**
 * How much memory loading one model file may take, checked against what the file declares before
 * anything is allocated, so that a small or hostile file is a {@link ModelFormatException} instead
 * of an {@link OutOfMemoryError}. Two system properties set the bounds:
 *
 * <ul>
 *   <li>{@value #MAX_BYTES_PROPERTY}: the most bytes of data (weights and optimizer slots as
 *       stored; for HDF5 files, the bytes read and decoded) one load may allocate. Default
 *       {@value #DEFAULT_MAX_BYTES} (2 GiB); in any case at most half the JVM's maximum heap
 *       ({@code -Xmx}, {@link Runtime#maxMemory()}), since the loaded model needs the other half.
 *   <li>{@value #MAX_RATIO_PROPERTY}: the largest ratio of declared to compressed size accepted
 *       for a zip entry declaring more than {@value #RATIO_CHECKED_BYTES} bytes. Default
 *       {@value #DEFAULT_MAX_RATIO}: trained weights compress by less than 2:1, while a few
 *       hundred kilobytes of zeros can declare half a gigabyte.
 * </ul>
 *
 * <pre>{@code
 * System.setProperty(LoadLimits.MAX_BYTES_PROPERTY, String.valueOf(8L << 30)); // allow 8 GiB (with -Xmx16g or more)
 * Model model = Model.load(Path.of("big.lepton"));
 * }</pre>
 */
public final class LoadLimits {
    /** The system property bounding the bytes of data one load may allocate. */
    public static final String MAX_BYTES_PROPERTY = "lepton.load.maxBytes";
    /** The system property bounding the declared/compressed ratio of a large zip entry. */
    public static final String MAX_RATIO_PROPERTY = "lepton.load.maxCompressionRatio";
    /** The bytes of data one load may allocate unless {@value #MAX_BYTES_PROPERTY} says otherwise (2 GiB). */
    public static final long DEFAULT_MAX_BYTES = 1L << 31;
    /** The declared/compressed ratio accepted unless {@value #MAX_RATIO_PROPERTY} says otherwise. */
    public static final long DEFAULT_MAX_RATIO = 100;
    /** Zip entries declaring at most this many bytes (16 MiB) are not checked for their ratio. */
    public static final long RATIO_CHECKED_BYTES = 16L << 20;

    private LoadLimits() {
    }

    /**
     * @return the most bytes of data one load may allocate: {@value #MAX_BYTES_PROPERTY}, or
     *         {@value #DEFAULT_MAX_BYTES}, and at most half of {@link Runtime#maxMemory()}
     * @throws IllegalArgumentException if the property is set but is not a positive whole number
     */
    public static long maxBytes() {
        return Math.min(property(MAX_BYTES_PROPERTY, DEFAULT_MAX_BYTES), Runtime.getRuntime().maxMemory() / 2);
    }

    /**
     * @return the largest declared/compressed ratio accepted for a large zip entry
     * @throws IllegalArgumentException if the property is set but is not a positive whole number
     */
    public static long maxRatio() {
        return property(MAX_RATIO_PROPERTY, DEFAULT_MAX_RATIO);
    }

    /**
     * Checks a declared size against {@link #maxBytes()} before it is allocated.
     *
     * @param file the file, for the message
     * @param what what declares the size, for the message (e.g. {@code "array 'dense/kernel'"})
     * @param bytes the bytes declared (a running total, when a file declares several parts)
     * @throws ModelFormatException naming the file, the size, the limit and how to raise it
     */
    public static void checkBytes(Object file, String what, long bytes) {
        long max = maxBytes();
        if (bytes < 0 || bytes > max) {
            throw new ModelFormatException(file + ": " + what + " declares " + (bytes < 0 ? "more than 2^63" : bytes)
                    + " bytes of data, more than the " + max + " bytes a load may allocate (the smaller of half the JVM's "
                    + "maximum heap, -Xmx, and the system property " + MAX_BYTES_PROPERTY + ")");
        }
    }

    /**
     * Refuses a large zip entry whose declared size is absurd beside its compressed size, the mark of
     * a file made to exhaust memory.
     *
     * @param file the file, for the message
     * @param entry the entry's name
     * @param declared the bytes it declares once inflated
     * @param compressed the bytes it takes in the file
     * @throws ModelFormatException naming the file, the entry and both sizes
     */
    public static void checkRatio(Object file, String entry, long declared, long compressed) {
        if (declared > RATIO_CHECKED_BYTES && declared / Math.max(1, compressed) > maxRatio()) {
            throw new ModelFormatException(file + ": entry '" + entry + "' declares " + declared + " bytes from " + compressed
                    + " compressed bytes, a ratio above " + maxRatio() + ":1 that no trained model reaches (the system "
                    + "property " + MAX_RATIO_PROPERTY + " raises the limit)");
        }
    }

    private static long property(String name, long fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value received.
        }
        throw new IllegalArgumentException("the system property " + name + " must be a positive whole number. Received: "
                + value);
    }
}
