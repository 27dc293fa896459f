package ai.lepton.metrics;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * The fraction of examples whose predicted class (the largest probability) is the one-hot
 * label's class: {@code mean(argmax(yTrue) == argmax(yPred))}. Labels and predictions have shape
 * {@code (batch, classes)}.
 *
 * <pre>{@code
 * Metric m = new CategoricalAccuracy("accuracy");
 * }</pre>
 */
public final class CategoricalAccuracy extends MeanMetric {
    /** @param name the key the metric is reported under */
    public CategoricalAccuracy(String name) {
        super(name);
    }

    /** Named {@code categorical_accuracy}. */
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        int[] t = Storage.shape(yTrue);
        int[] p = Storage.shape(yPred);
        if (!Shapes.equal(t, p) || p.length != 2) {
            throw new ShapeException(name() + ": expected one-hot labels and predictions of the same shape (batch, classes), "
                    + "received labels " + Shapes.format(t) + " and predictions " + Shapes.format(p));
        }
        double[] y = Storage.data(yTrue);
        double[] q = Storage.data(yPred);
        int correct = 0;
        for (int r = 0; r < p[0]; r++) {
            if (Rows.argmax(y, r, p[1]) == Rows.argmax(q, r, p[1])) {
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
    public static CategoricalAccuracy fromConfig(Config config) {
        return new CategoricalAccuracy(config.getString("name", "categorical_accuracy"));
    }
}
