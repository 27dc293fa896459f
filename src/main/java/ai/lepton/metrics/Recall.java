package ai.lepton.metrics;

import ai.lepton.config.Config;

/**
 * The fraction of positive labels that were predicted positive, {@code TP / (TP + FN)}, as
 * Keras's {@code Recall}; 0 when there were no positive labels. By default a prediction is
 * positive above 0.5; see {@link BinaryCounts} for {@code thresholds}, {@code topK} and
 * {@code classId}.
 *
 * <pre>{@code
 * model.compile("adam", "binary_crossentropy", "accuracy", "precision", "recall");
 * Metric ofClass2 = new Recall().classId(2);
 * }</pre>
 */
public final class Recall extends BinaryCounts {
    /** Named {@code recall}. */
    public Recall() {
        this("recall");
    }

    /** @param name the key the metric is reported under */
    public Recall(String name) {
        super(name);
    }

    /** @return the recall at each threshold */
    @Override
    public double[] results() {
        double[] tp = truePositives();
        double[] other = falseNegatives();
        double[] out = new double[tp.length];
        for (int t = 0; t < tp.length; t++) {
            out[t] = ratio(tp[t], tp[t] + other[t]);
        }
        return out;
    }

    /**
     * Rebuilds the metric from its config; absent settings take Keras's defaults.
     *
     * @param config the saved settings
     * @return a new metric
     */
    public static Recall fromConfig(Config config) {
        return configured(new Recall(config.getString("name", "recall")), config);
    }
}
