package ai.lepton.metrics;

import ai.lepton.config.Config;

/**
 * The F1 score, Keras's {@code F1Score}: the harmonic mean of precision and recall,
 * {@code 2 P R / (P + R)}, the F-beta score with {@code beta = 1}; see {@link FScore} for the
 * threshold and the averages.
 *
 * <pre>{@code
 * Metric f1 = new F1Score().average("macro").threshold(0.5);
 * }</pre>
 */
public final class F1Score extends FScore {
    /** Named {@code f1_score}: no averaging, the largest prediction of each row positive. */
    public F1Score() {
        this("f1_score");
    }

    /** @param name the key the metric is reported under */
    public F1Score(String name) {
        super(name);
        setBeta(1.0);
    }

    /**
     * Rebuilds the metric from its config; absent settings take Keras's defaults.
     *
     * @param config the saved settings
     * @return a new metric
     */
    public static F1Score fromConfig(Config config) {
        return configured(new F1Score(config.getString("name", "f1_score")), config);
    }
}
