package ai.lepton.metrics;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * The fraction of yes/no predictions that match their labels, a prediction counting as yes when
 * it exceeds the threshold: {@code mean(yTrue == (yPred > threshold))} over all elements.
 * Labels have the predictions' size, e.g. {@code (batch,)} or {@code (batch, 1)}.
 *
 * <pre>{@code
 * Metric m = new BinaryAccuracy("accuracy", 0.5);
 * }</pre>
 */
public final class BinaryAccuracy extends MeanMetric {
    private final double threshold;

    /**
     * @param name the key the metric is reported under
     * @param threshold the probability above which a prediction is yes (Keras: 0.5)
     */
    public BinaryAccuracy(String name, double threshold) {
        super(name);
        this.threshold = threshold;
    }

    /** Named {@code binary_accuracy}, threshold 0.5. */
    public BinaryAccuracy() {
        this("binary_accuracy", 0.5);
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        int[] t = Storage.shape(yTrue);
        int[] p = Storage.shape(yPred);
        if (yTrue.size() != yPred.size() || t.length == 0 || t[0] != p[0]) {
            throw new ShapeException(name() + ": expected labels with the predictions' shape, received labels "
                    + Shapes.format(t) + " and predictions " + Shapes.format(p));
        }
        double[] y = Storage.data(yTrue);
        double[] q = Storage.data(yPred);
        int correct = 0;
        for (int i = 0; i < q.length; i++) {
            if (y[i] == (q[i] > threshold ? 1.0 : 0.0)) {
                correct++;
            }
        }
        accumulate(correct, q.length);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("threshold", threshold);
    }

    /**
     * Rebuilds the metric from its config; absent settings take Keras's defaults.
     *
     * @param config the saved settings
     * @return a new metric
     */
    public static BinaryAccuracy fromConfig(Config config) {
        return new BinaryAccuracy(config.getString("name", "binary_accuracy"), config.getDouble("threshold", 0.5));
    }
}
