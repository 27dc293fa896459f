package ai.lepton.data;

/**
 * The settings of {@link Timeseries#timeseriesDatasetFromArray}, Keras's arguments in camelCase:
 * {@code sequenceLength} (required), {@code sequenceStride} (1), {@code samplingRate} (1),
 * {@code shuffle} (false) with {@code seed} (0), {@code startIndex} and {@code endIndex}. Keras's
 * {@code batch_size} belongs to Lepton's {@code fit} and {@code DataLoader}. The setters change
 * this object and return it.
 *
 * <pre>{@code
 * TimeseriesOptions options = TimeseriesOptions.create(24).sequenceStride(2).samplingRate(6).startIndex(100);
 * }</pre>
 */
public final class TimeseriesOptions {
    private final int sequenceLength;
    private int sequenceStride = 1;
    private int samplingRate = 1;
    private boolean shuffle;
    private long seed;
    private Integer startIndex;
    private Integer endIndex;

    private TimeseriesOptions(int sequenceLength) {
        this.sequenceLength = positive("sequence_length", sequenceLength);
    }

    /**
     * @param sequenceLength the number of steps in a window, positive
     * @return the options with Keras's defaults otherwise
     */
    public static TimeseriesOptions create(int sequenceLength) {
        return new TimeseriesOptions(sequenceLength);
    }

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("`" + name + "` must be higher than 0. Received: " + name + "=" + value);
        }
        return value;
    }

    /**
     * @param steps the distance between the starts of two windows (default 1)
     * @return this
     */
    public TimeseriesOptions sequenceStride(int steps) {
        sequenceStride = positive("sequence_stride", steps);
        return this;
    }

    /**
     * @param steps the distance between two steps of a window (default 1)
     * @return this
     */
    public TimeseriesOptions samplingRate(int steps) {
        samplingRate = positive("sampling_rate", steps);
        return this;
    }

    /**
     * @param on whether to shuffle the windows with the seed (default false)
     * @return this
     */
    public TimeseriesOptions shuffle(boolean on) {
        shuffle = on;
        return this;
    }

    /**
     * @param value the shuffling seed (default 0)
     * @return this
     */
    public TimeseriesOptions seed(long value) {
        seed = value;
        return this;
    }

    /**
     * @param index the first step used, 0 or more (default 0)
     * @return this
     */
    public TimeseriesOptions startIndex(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("`start_index` must be 0 or greater. Received: start_index=" + index);
        }
        startIndex = index;
        return this;
    }

    /**
     * @param index one past the last step used, below the data's length as Keras requires (default all)
     * @return this
     */
    public TimeseriesOptions endIndex(int index) {
        endIndex = positive("end_index", index);
        return this;
    }

    int sequenceLength() {
        return sequenceLength;
    }

    int sequenceStride() {
        return sequenceStride;
    }

    int samplingRate() {
        return samplingRate;
    }

    boolean shuffle() {
        return shuffle;
    }

    long seed() {
        return seed;
    }

    Integer startIndex() {
        return startIndex;
    }

    Integer endIndex() {
        return endIndex;
    }
}
