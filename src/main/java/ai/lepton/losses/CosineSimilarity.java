package ai.lepton.losses;

import ai.lepton.autograd.Maximum;
import ai.lepton.config.Config;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * The negated cosine similarity, Keras's {@code CosineSimilarity}: per example
 * {@code loss = -sum(normalize(y) normalize(p))} along the axis, where
 * {@code normalize(x) = x / sqrt(max(sum(x^2), eps^2))} with {@code eps = 1e-7}. It lies in
 * {@code [-1, 1]}: -1 for vectors that point the same way, 0 for orthogonal ones (and whenever
 * either is zero).
 *
 * <pre>{@code
 * Tensor loss = new CosineSimilarity().compute(targets, predictions);
 * }</pre>
 */
public final class CosineSimilarity extends Loss {
    private int axis = -1;

    /** The loss along the last axis. */
    public CosineSimilarity() {
    }

    /**
     * @param value the axis of the vectors compared; negative counts from the end (default -1)
     * @return this loss
     */
    public CosineSimilarity axis(int value) {
        axis = value;
        return this;
    }

    @Override
    public String name() {
        return "cosine_similarity";
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor y = alignLabels(yTrue, yPred);
        int along = Shapes.axis(name(), Storage.shape(yPred), axis);
        return normalize(y, along).mul(normalize(yPred, along)).sum(along, false).neg();
    }

    /** Keras's L2 normalization, {@code x * rsqrt(max(sum(x^2), eps^2))}, finite (with a finite gradient) for a zero vector. */
    private static Tensor normalize(Tensor x, int axis) {
        Tensor squares = x.pow(2).sum(axis, true);
        return x.mul(Maximum.apply(squares, Tensor.scalar(EPSILON * EPSILON)).pow(-0.5));
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("axis", axis);
    }

    /**
     * Rebuilds the loss from its config; absent settings take Keras's defaults.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static CosineSimilarity fromConfig(Config config) {
        return withReduction(new CosineSimilarity().axis(config.getInt("axis", -1)), config);
    }
}
