package ai.lepton.metrics;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * The fraction of examples whose one-hot label's class is among the {@code k} largest
 * predictions, Keras's {@code TopKCategoricalAccuracy}; classes tied at the boundary all count as
 * in (Keras's {@code in_top_k}). Labels and predictions have shape {@code (batch, classes)} (or
 * {@code (batch, ..., classes)}, each row an example).
 *
 * <pre>{@code
 * Metric top2 = new TopKCategoricalAccuracy(2);
 * top2.update(oneHot, probabilities);
 * }</pre>
 */
public final class TopKCategoricalAccuracy extends MeanMetric {
    private final int k;

    /** Named {@code top_k_categorical_accuracy}, {@code k = 5} as Keras. */
    public TopKCategoricalAccuracy() {
        this(5);
    }

    /**
     * @param k how many of the largest predictions count, at least 1
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public TopKCategoricalAccuracy(int k) {
        this("top_k_categorical_accuracy", k);
    }

    /**
     * @param name the key the metric is reported under
     * @param k how many of the largest predictions count, at least 1
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public TopKCategoricalAccuracy(String name, int k) {
        super(name);
        if (k < 1) {
            throw new IllegalArgumentException(name + ": k must be at least 1. Received: k=" + k);
        }
        this.k = k;
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        int[] t = Storage.shape(yTrue);
        int[] p = Storage.shape(yPred);
        if (!Shapes.equal(t, p) || p.length < 2) {
            throw new ShapeException(name() + ": expected one-hot labels and predictions of the same shape (batch, classes), "
                    + "received labels " + Shapes.format(t) + " and predictions " + Shapes.format(p));
        }
        int columns = p[p.length - 1];
        int rows = yPred.size() / columns;
        double[] y = Storage.data(yTrue);
        double[] q = Storage.data(yPred);
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            if (Rows.inTopK(q, r, columns, Rows.argmax(y, r, columns), k)) {
                correct++;
            }
        }
        accumulate(correct, rows);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("k", k);
    }

    /**
     * Rebuilds the metric from its config; absent settings take Keras's defaults.
     *
     * @param config the saved settings
     * @return a new metric
     */
    public static TopKCategoricalAccuracy fromConfig(Config config) {
        return new TopKCategoricalAccuracy(config.getString("name", "top_k_categorical_accuracy"), config.getInt("k", 5));
    }
}
