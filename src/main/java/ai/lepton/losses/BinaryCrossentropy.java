package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * Cross-entropy for yes/no targets, Keras's {@code BinaryCrossentropy}: per element
 * {@code l = -(y log(clip(p)) + (1 - y) log(1 - clip(p)))}, with {@code p} clipped to
 * {@code [1e-7, 1 - 1e-7]}, averaged over the last axis for each example. From logits {@code z}
 * (with {@link #fromLogits(boolean) fromLogits}, or when the predictions are a sigmoid's output,
 * which remembers its input) it is {@code l = max(z, 0) - z y + log(1 + e^-|z|)}, stable for any
 * logit. Label smoothing {@code s} replaces the labels by {@code y (1 - s) + s / 2}.
 *
 * <p>Labels have the predictions' shape, e.g. {@code (batch, 1)}; {@code (batch,)} labels are
 * accepted for {@code (batch, 1)} predictions.
 *
 * <pre>{@code
 * Tensor y = Tensor.of(new double[] {1, 0}, 2, 1);
 * Tensor loss = new BinaryCrossentropy().compute(y, Tensor.of(new double[] {0.9, 0.2}, 2, 1));
 * Loss fromScores = new BinaryCrossentropy().fromLogits(true).labelSmoothing(0.1);
 * }</pre>
 */
public final class BinaryCrossentropy extends ElementwiseLoss {
    private boolean fromLogits;
    private double labelSmoothing;
    private int axis = -1;

    /** Creates the loss: probabilities, no label smoothing, the mean over the last axis. */
    public BinaryCrossentropy() {
    }

    /**
     * @param on whether the predictions are logits rather than probabilities (default false)
     * @return this loss
     */
    public BinaryCrossentropy fromLogits(boolean on) {
        fromLogits = on;
        return this;
    }

    /**
     * @param value how far the labels are pulled towards 0.5, in {@code [0, 1]} (default 0)
     * @return this loss
     * @throws IllegalArgumentException if out of range
     */
    public BinaryCrossentropy labelSmoothing(double value) {
        labelSmoothing = check("labelSmoothing", value, value >= 0 && value <= 1, "in [0, 1]");
        return this;
    }

    /**
     * @param value the axis each example's mean is taken over; negative counts from the end (default -1)
     * @return this loss
     */
    public BinaryCrossentropy axis(int value) {
        axis = value;
        return this;
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }

    @Override
    protected int axis() {
        return axis;
    }

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        return of(smooth(yTrue, labelSmoothing), yPred, Logits.of(yPred, fromLogits));
    }

    /**
     * Keras's binary label smoothing, {@code y (1 - s) + 0.5 s}.
     *
     * @param y the labels
     * @param s the smoothing, in {@code [0, 1]}
     * @return the smoothed labels ({@code y} itself for 0)
     */
    static Tensor smooth(Tensor y, double s) {
        return s == 0 ? y : y.mul(1.0 - s).add(0.5 * s);
    }

    /**
     * The elementwise binary cross-entropy, from logits when there are some.
     *
     * @param y the labels, the predictions' shape
     * @param p the probabilities
     * @param logits the logits of {@code p}, or {@code null}
     * @return the cross-entropy of each element
     */
    static Tensor of(Tensor y, Tensor p, Tensor logits) {
        if (logits != null) {
            return SigmoidCrossEntropy.apply(y, logits);
        }
        Tensor clipped = Clip.probabilities(p);
        Tensor positive = y.mul(clipped.log());
        Tensor negative = y.neg().add(1.0).mul(clipped.neg().add(1.0).log());
        return positive.add(negative).neg();
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("from_logits", fromLogits).put("label_smoothing", labelSmoothing).put("axis", axis);
    }

    /**
     * Rebuilds the loss from its config; absent settings take Keras's defaults.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static BinaryCrossentropy fromConfig(Config config) {
        return withReduction(new BinaryCrossentropy().fromLogits(config.getBoolean("from_logits", false))
                .labelSmoothing(config.getDouble("label_smoothing", 0.0)).axis(config.getInt("axis", -1)), config);
    }
}
