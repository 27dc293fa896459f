package ai.lepton.metrics;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * The fraction of examples whose predicted class (the largest probability) equals the integer
 * label: {@code mean(yTrue == argmax(yPred))}. Labels have shape {@code (batch,)} or
 * {@code (batch, 1)}, predictions {@code (batch, classes)}.
 *
 * <pre>{@code
 * Metric m = new SparseCategoricalAccuracy("accuracy");
 * }</pre>
 */
public final class SparseCategoricalAccuracy extends MeanMetric {
    /** @param name the key the metric is reported under */
    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    /** Named {@code sparse_categorical_accuracy}. */
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
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
            if (y[r] == Rows.argmax(q, r, p[1])) {
                correct++;
            }
        }
        accumulate(correct, p[0]);
    }

    /**
     * Rebuilds the metric from its config.
     *
     * @param config the saved settings
     * @return a new metric
     */
    public static SparseCategoricalAccuracy fromConfig(Config config) {
        return new SparseCategoricalAccuracy(config.getString("name", "sparse_categorical_accuracy"));
    }
}
