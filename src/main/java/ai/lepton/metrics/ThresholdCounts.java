package ai.lepton.metrics;

/**
 * Keras's confusion counts at thresholds ({@code metrics_utils.update_confusion_matrix_variables}),
 * shared by {@link BinaryCounts} and {@link AUC}: a label is positive when it is not 0, a
 * prediction when it is above the threshold. Counts are laid out {@code [threshold * columns + column]},
 * one column for flattened data, one per label for multi-label data.
 *
 * <p>For evenly spaced thresholds Keras takes another road, and so does this class: each
 * prediction, clipped to {@code [0, 1]}, falls in bucket {@code ceil(p (n - 1)) - 1} (bucket 0 also
 * takes {@code p = 0} when the end thresholds lie just outside {@code [0, 1]}), and a threshold
 * counts the buckets at and above its own. This is {@code p > t} but for rounding at the bucket
 * edges and for predictions outside {@code [0, 1]}, and those differences are Keras's too.
 */
final class ThresholdCounts {
    private ThresholdCounts() {
    }

    /**
     * Keras's {@code is_evenly_distributed_thresholds}: at least 3 thresholds, each within
     * {@code 1e-7 + 1e-5 |e|} of {@code e = i / (n - 1)} computed in float, as NumPy's
     * {@code allclose} against a float32 {@code arange} does.
     *
     * @param thresholds the thresholds (not modified)
     * @return whether the bucket road applies
     */
    static boolean evenlyDistributed(double[] thresholds) {
        int n = thresholds.length;
        if (n < 3) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            double even = (float) i / (float) (n - 1);
            if (!(Math.abs(thresholds[i] - even) <= 1e-7 + 1e-5 * Math.abs(even))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds one batch's counts.
     *
     * @param labels the labels, row-major (not modified)
     * @param predictions the predictions, as many (not modified)
     * @param columns 1 to count all elements together, else the number of labels per row, counted apart
     * @param thresholds the thresholds (not modified)
     * @param evenly whether to take the bucket road ({@link #evenlyDistributed})
     * @param tp true positives, {@code thresholds.length * columns} (modified), or {@code null}
     * @param fp false positives (modified), or {@code null}
     * @param tn true negatives (modified), or {@code null}
     * @param fn false negatives (modified), or {@code null}
     */
    static void add(double[] labels, double[] predictions, int columns, double[] thresholds, boolean evenly, double[] tp,
            double[] fp, double[] tn, double[] fn) {
        int n = thresholds.length;
        if (evenly) {
            addByBuckets(labels, predictions, columns, n, thresholds[0] < 0.0 || thresholds[n - 1] > 1.0, tp, fp, tn, fn);
            return;
        }
        for (int i = 0; i < predictions.length; i++) {
            int column = i % columns;
            boolean positive = labels[i] != 0.0;
            for (int t = 0; t < n; t++) {
                boolean predicted = predictions[i] > thresholds[t];
                count(t * columns + column, positive, predicted, tp, fp, tn, fn);
            }
        }
    }

    private static void count(int at, boolean positive, boolean predicted, double[] tp, double[] fp, double[] tn, double[] fn) {
        if (positive && predicted) {
            increment(tp, at);
        } else if (predicted) {
            increment(fp, at);
        } else if (positive) {
            increment(fn, at);
        } else {
            increment(tn, at);
        }
    }

    private static void increment(double[] counts, int at) {
        if (counts != null) {
            counts[at] += 1.0;
        }
    }

    private static void addByBuckets(double[] labels, double[] predictions, int columns, int n, boolean withEpsilon,
            double[] tp, double[] fp, double[] tn, double[] fn) {
        double[] positives = new double[n * columns];
        double[] negatives = new double[n * columns];
        double[] totalPositive = new double[columns];
        double[] totalNegative = new double[columns];
        for (int i = 0; i < predictions.length; i++) {
            int column = i % columns;
            boolean positive = labels[i] != 0.0;
            if (positive) {
                totalPositive[column] += 1.0;
            } else {
                totalNegative[column] += 1.0;
            }
            double p = Math.min(Math.max(predictions[i], 0.0), 1.0);
            int bucket = (int) Math.ceil(p * (n - 1)) - 1;
            if (withEpsilon) {
                bucket = Math.max(bucket, 0);
            }
            // A prediction in no bucket (0 without the end epsilons) is negative at every threshold.
            if (bucket >= 0) {
                (positive ? positives : negatives)[bucket * columns + column] += 1.0;
            }
        }
        for (int column = 0; column < columns; column++) {
            double truePositives = 0;
            double falsePositives = 0;
            for (int t = n - 1; t >= 0; t--) {
                int at = t * columns + column;
                truePositives += positives[at];
                falsePositives += negatives[at];
                addTo(tp, at, truePositives);
                addTo(fp, at, falsePositives);
                addTo(fn, at, totalPositive[column] - truePositives);
                addTo(tn, at, totalNegative[column] - falsePositives);
            }
        }
    }

    private static void addTo(double[] counts, int at, double value) {
        if (counts != null) {
            counts[at] += value;
        }
    }
}
