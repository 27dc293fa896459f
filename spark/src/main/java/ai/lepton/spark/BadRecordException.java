package ai.lepton.spark;

/**
 * A record that cannot be used: features or a label of the wrong size, a value that is not a
 * finite number, a missing or non-numeric column. It names the partition of the input RDD or
 * DataFrame and the 0-based position of the record within that partition, so the record can be
 * found with {@code mapPartitionsWithIndex}. Thrown on the driver, before the first training
 * step, when an executor met such a record.
 *
 * <pre>{@code
 * try {
 *     SparkTrainer.of(model).fit(data, options);
 * } catch (BadRecordException e) {
 *     System.err.println("fix record " + e.position() + " of partition " + e.partition());
 * }
 * }</pre>
 */
public final class BadRecordException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int partition;
    private final long position;

    /**
     * @param partition the input partition's index
     * @param position the record's 0-based position within the partition
     * @param problem what is wrong, in the user's words
     */
    public BadRecordException(int partition, long position, String problem) {
        super("Bad record at partition " + partition + ", position " + position + ": " + problem);
        this.partition = partition;
        this.position = position;
    }

    /** @return the input partition's index */
    public int partition() {
        return partition;
    }

    /** @return the record's 0-based position within its partition */
    public long position() {
        return position;
    }
}
