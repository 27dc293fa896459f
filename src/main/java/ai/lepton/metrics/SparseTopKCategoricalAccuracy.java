package ai.lepton.metrics;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * The fraction of examples whose integer label is among the {@code k} largest predictions,
 * Keras's {@code SparseTopKCategoricalAccuracy}; classes tied at the boundary all count as in.
 * Labels have shape {@code (batch,)} or {@code (batch, 1)}, predictions {@code (batch, classes)}.
 * With {@link #fromSortedIds(boolean) fromSortedIds} the predictions are instead the ids of the
 * best classes, best first, {@code (batch, n)} with {@code n >= k}, and a label counts when it is
 * one of the first {@code k}.
 *
 * <pre>{@code
 * Metric top2 = new SparseTopKCategoricalAccuracy(2);
 * top2.update(Tensor.of(new double[] {2, 0}, 2), probabilities);
 * }</pre>
 */
public final class SparseTopKCategoricalAccuracy extends MeanMetric {
    private final int k;
    private boolean fromSortedIds;

    /** Named {@code sparse_top_k_categorical_accuracy}, {@code k = 5} as Keras. */
    public SparseTopKCategoricalAccuracy() {
        this(5);
    }

    /**
     * @param k how many of the largest predictions count, at least 1
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public SparseTopKCategoricalAccuracy(int k) {
        this("sparse_top_k_categorical_accuracy", k);
    }

    /**
     * @param name the key the metric is reported under
     * @param k how many of the largest predictions count, at least 1
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public SparseTopKCategoricalAccuracy(String name, int k) {
        super(name);
        if (k < 1) {
            throw new IllegalArgumentException(name + ": k must be at least 1. Received: k=" + k);
        }
        this.k = k;
    }

    /**
     * @param on whether the predictions are class ids sorted best first rather than scores (default false)
     * @return this metric
     */
    public SparseTopKCategoricalAccuracy fromSortedIds(boolean on) {
        fromSortedIds = on;
        return this;
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        int[] t = Storage.shape(yTrue);
        int[] p = Storage.shape(yPred);
        if (p.length != 2 || yTrue.size() != p[0] || t[0] != p[0]) {
            throw new ShapeException(name() + ": expected labels (batch,) or (batch, 1) and predictions (batch, classes), "
                    + "received labels " + Shapes.format(t) + " and predictions " + Shapes.format(p));
        }
        double[] y = Storage.data(yTrue);
        double[] q = Storage.data(yPred);
        int correct = 0;
        for (int r = 0; r < p[0]; r++) {
            if (fromSortedIds ? amongFirst(y[r], q, r, p[1]) : Rows.inTopK(q, r, p[1], classIndex(y[r], r, p[1]), k)) {
                correct++;
            }
        }
        accumulate(correct, p[0]);
    }

    private boolean amongFirst(double label, double[] ids, int row, int columns) {
        for (int c = 0; c < Math.min(k, columns); c++) {
            if (ids[row * columns + c] == label) {
                return true;
            }
        }
        return false;
    }

    private int classIndex(double label, int row, int classes) {
        if (label != Math.rint(label) || label < 0 || label >= classes) {
            throw new IllegalArgumentException(name() + ": label " + label + " at index " + row + " is not a class index in [0, "
                    + classes + ")");
        }
        return (int) label;
    }

    @Override
    public Config getConfig() {
        Config config = super.getConfig().put("k", k);
        return fromSortedIds ? config.put("from_sorted_ids", true) : config;
    }

    /**
     * Rebuilds the metric from its config; absent settings take Keras's defaults.
     *
     * @param config the saved settings
     * @return a new metric
     */
    public static SparseTopKCategoricalAccuracy fromConfig(Config config) {
        return new SparseTopKCategoricalAccuracy(config.getString("name", "sparse_top_k_categorical_accuracy"), config.getInt("k", 5))
                .fromSortedIds(config.getBoolean("from_sorted_ids", false));
    }
}
