package ai.lepton.metrics;

import ai.lepton.config.Config;

/**
 * The F-beta score, Keras's {@code FBetaScore}: {@code (1 + b^2) P R / (b^2 P + R)}, where
 * {@code beta > 1} weighs recall more and {@code beta < 1} precision; see {@link FScore} for the
 * threshold and the averages.
 *
 * <pre>{@code
 * Metric f2 = new FBetaScore(2.0).average("weighted").threshold(0.5);
 * }</pre>
 */
public final class FBetaScore extends FScore {
    /** Named {@code fbeta_score}, beta 1 as Keras: no averaging, the largest prediction of each row positive. */
    public FBetaScore() {
        this(1.0);
    }

    /**
     * @param beta the weight of recall against precision, positive
     * @throws IllegalArgumentException if not positive and finite
     */
    public FBetaScore(double beta) {
        this("fbeta_score", beta);
    }

    /**
     * @param name the key the metric is reported under
     * @param beta the weight of recall against precision, positive
     * @throws IllegalArgumentException if not positive and finite
     */
    public FBetaScore(String name, double beta) {
        super(name);
        setBeta(beta);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("beta", beta());
    }

    /**
     * Rebuilds the metric from its config; absent settings take Keras's defaults.
     *
     * @param config the saved settings
     * @return a new metric
     */
    public static FBetaScore fromConfig(Config config) {
        return configured(new FBetaScore(config.getString("name", "fbeta_score"), config.getDouble("beta", 1.0)), config);
    }
}
