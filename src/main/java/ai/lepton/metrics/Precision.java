package ai.lepton.metrics;

import ai.lepton.config.Config;

/**
 * The fraction of positive predictions that are right, {@code TP / (TP + FP)}, as Keras's
 * {@code Precision}; 0 when nothing was predicted positive. By default a prediction is positive
 * above 0.5; see {@link BinaryCounts} for {@code thresholds}, {@code topK} and {@code classId}.
 *
 * <pre>{@code
 * model.compile("adam", "binary_crossentropy", "accuracy", "precision", "recall");
 * Metric atTop3 = new Precision().topK(3);
 * }</pre>
 */
public final class Precision extends BinaryCounts {
    /** Named {@code precision}. */
    public Precision() {
        this("precision");
    }

    /** @param name the key the metric is reported under */
    public Precision(String name) {
        super(name);
    }

    /** @return the precision at each threshold */
    @Override
    public double[] results() {
        double[] tp = truePositives();
        double[] other = falsePositives();
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
    public static Precision fromConfig(Config config) {
        return configured(new Precision(config.getString("name", "precision")), config);
    }
}
