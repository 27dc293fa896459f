package ai.lepton.data;

import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;

/**
 * Sliding windows over a series, Keras's {@code timeseries_dataset_from_array}: window {@code i}
 * starts at {@code startIndex + p_i} with {@code p_i = i * sequenceStride} and holds the steps
 * {@code p_i, p_i + samplingRate, ..., p_i + (sequenceLength - 1) * samplingRate} of
 * {@code data[startIndex:endIndex]}; its target is {@code targets[startIndex + p_i]}. There are
 * {@code ceil(m / sequenceStride)} windows with {@code m = endIndex - startIndex - (sequenceLength - 1) * samplingRate},
 * bounded by the number of targets; {@code shuffle} permutes them with the seed.
 *
 * <pre>{@code
 * double[] series = new double[100];
 * for (int t = 0; t < 100; t++) {
 *     series[t] = Math.sin(t / 5.0);
 * }
 * // predict step t + 10 from steps t .. t + 9
 * Tensor inputs = Tensor.of(Arrays.copyOf(series, 90), 90, 1);
 * Tensor targets = Tensor.of(Arrays.copyOfRange(series, 10, 100), 90, 1);
 * Dataset windows = Timeseries.timeseriesDatasetFromArray(inputs, targets, TimeseriesOptions.create(10));   // x (81, 10, 1)
 * }</pre>
 */
public final class Timeseries {
    private Timeseries() {
    }

    /**
     * @param data {@code (steps)} or {@code (steps, features...)}; a window is {@code (sequenceLength, features...)}
     *        ({@code (sequenceLength)} for a 1-D series)
     * @param targets {@code (steps, ...)} or {@code null} for windows without targets (the dataset's {@code y} is then the windows)
     * @param options the window settings
     * @return the windows {@code x} and their targets {@code y}, in window order (or shuffled)
     * @throws IllegalArgumentException echoing the setting that does not fit the data, as Keras
     */
    public static Dataset timeseriesDatasetFromArray(Tensor data, Tensor targets, TimeseriesOptions options) {
        int[] shape = data.shape();
        if (shape.length < 1) {
            throw new IllegalArgumentException("timeseriesDatasetFromArray: data must have a time axis. Received a scalar");
        }
        int n = shape[0];
        int start = options.startIndex() == null ? 0 : options.startIndex();
        int end = options.endIndex() == null ? n : options.endIndex();
        check(options, n);
        int length = options.sequenceLength();
        int rate = options.samplingRate();
        long span = (long) (length - 1) * rate;
        long numSeqs = end - start - span;
        if (targets != null) {
            numSeqs = Math.min(numSeqs, targets.shape()[0]);
        }
        int count = numSeqs <= 0 ? 0 : (int) ((numSeqs + options.sequenceStride() - 1) / options.sequenceStride());
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = i * options.sequenceStride();
        }
        if (options.shuffle()) {
            int[] order = Shuffle.order(count, options.seed(), 0);
            int[] shuffled = new int[count];
            for (int i = 0; i < count; i++) {
                shuffled[i] = positions[order[i]];
            }
            positions = shuffled;
        }
        int step = Shapes.product(shape, 1, shape.length);
        double[] d = data.toArray();
        double[] x = new double[Math.multiplyExact(Math.multiplyExact(count, length), step)];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < length; k++) {
                System.arraycopy(d, (start + positions[i] + k * rate) * step, x, (i * length + k) * step, step);
            }
        }
        int[] xShape = new int[shape.length + 1];
        xShape[0] = count;
        xShape[1] = length;
        System.arraycopy(shape, 1, xShape, 2, shape.length - 1);
        Tensor windows = Tensor.of(x, xShape);
        if (targets == null) {
            return Dataset.of(windows, windows);
        }
        int[] tShape = targets.shape();
        int tStep = Shapes.product(tShape, 1, tShape.length);
        double[] t = targets.toArray();
        double[] y = new double[count * tStep];
        for (int i = 0; i < count; i++) {
            int row = start + positions[i];
            if (row >= tShape[0]) {
                throw new IllegalArgumentException("timeseriesDatasetFromArray: window " + i + " needs target " + row + ", but targets has "
                        + tShape[0] + " rows");
            }
            System.arraycopy(t, row * tStep, y, i * tStep, tStep);
        }
        int[] yShape = tShape.clone();
        yShape[0] = count;
        return Dataset.of(windows, Tensor.of(y, yShape));
    }

    /** Keras's argument checks, with its messages. */
    private static void check(TimeseriesOptions o, int n) {
        Integer start = o.startIndex();
        Integer end = o.endIndex();
        if (start != null && start >= n) {
            throw new IllegalArgumentException("`start_index` must be lower than the length of the data. Received: start_index=" + start
                    + ", for data of length " + n);
        }
        if (end != null) {
            if (start != null && end <= start) {
                throw new IllegalArgumentException("`end_index` must be higher than `start_index`. Received: start_index=" + start
                        + ", and end_index=" + end);
            }
            if (end >= n) {
                throw new IllegalArgumentException("`end_index` must be lower than the length of the data. Received: end_index=" + end
                        + ", for data of length " + n);
            }
        }
        if (o.samplingRate() >= n) {
            throw new IllegalArgumentException("`sampling_rate` must be lower than the length of the data. Received: sampling_rate="
                    + o.samplingRate() + ", for data of length " + n);
        }
        if (o.sequenceStride() >= n) {
            throw new IllegalArgumentException("`sequence_stride` must be lower than the length of the data. Received: sequence_stride="
                    + o.sequenceStride() + ", for data of length " + n);
        }
    }
}
