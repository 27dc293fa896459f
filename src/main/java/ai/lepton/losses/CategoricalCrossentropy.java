package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * Cross-entropy between one-hot (or soft) labels and class probabilities, Keras's
 * {@code CategoricalCrossentropy}: per example
 * {@code loss = -sum_c y_c log(clip(p_c / sum_k p_k))} over the class axis, with the
 * probabilities clipped to {@code [1e-7, 1 - 1e-7]}. From logits {@code z} (with
 * {@link #fromLogits(boolean) fromLogits}, or when the predictions are a softmax's output, which
 * remembers its input) it is {@code loss = -sum_c y_c logSoftmax(z)_c}, exact for any logits.
 * Label smoothing {@code s} replaces the labels by {@code y (1 - s) + s / classes}.
 *
 * <p>Labels and predictions both have shape {@code (batch, classes)}, or any shape with the
 * classes on {@link #axis(int) axis}.
 *
 * <pre>{@code
 * Tensor loss = new CategoricalCrossentropy().compute(oneHot, probabilities);
 * Loss smoothed = new CategoricalCrossentropy().fromLogits(true).labelSmoothing(0.1);
 * }</pre>
 */
public final class CategoricalCrossentropy extends Loss {
    private boolean fromLogits;
    private double labelSmoothing;
    private int axis = -1;

    /** Creates the loss: probabilities, no label smoothing, classes on the last axis. */
    public CategoricalCrossentropy() {
    }

    /**
     * @param on whether the predictions are logits rather than probabilities (default false)
     * @return this loss
     */
    public CategoricalCrossentropy fromLogits(boolean on) {
        fromLogits = on;
        return this;
    }

    /**
     * @param value how far the labels are pulled towards {@code 1 / classes}, in {@code [0, 1]} (default 0)
     * @return this loss
     * @throws IllegalArgumentException if out of range
     */
    public CategoricalCrossentropy labelSmoothing(double value) {
        labelSmoothing = check("labelSmoothing", value, value >= 0 && value <= 1, "in [0, 1]");
        return this;
    }

    /**
     * @param value the class axis; negative counts from the end (default -1)
     * @return this loss
     */
    public CategoricalCrossentropy axis(int value) {
        axis = value;
        return this;
    }

    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        int[] shape = Storage.shape(yPred);
        validate(yTrue, shape);
        int classAxis = Shapes.axis(name(), shape, axis);
        Tensor y = labelSmoothing == 0 ? yTrue : yTrue.mul(1.0 - labelSmoothing).add(labelSmoothing / shape[classAxis]);
        Tensor logits = Logits.of(yPred, fromLogits, classAxis);
        Tensor logProbabilities;
        if (logits != null) {
            logProbabilities = logits.logSoftmax(classAxis);
        } else {
            Tensor normalized = yPred.div(yPred.sum(classAxis, true));
            logProbabilities = Clip.probabilities(normalized).log();
        }
        return y.mul(logProbabilities).sum(classAxis, false).neg();
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
    public static CategoricalCrossentropy fromConfig(Config config) {
        return withReduction(new CategoricalCrossentropy().fromLogits(config.getBoolean("from_logits", false))
                .labelSmoothing(config.getDouble("label_smoothing", 0.0)).axis(config.getInt("axis", -1)), config);
    }

    @Override
    public void validate(Tensor yTrue, int[] yPredShape) {
        int[] t = Storage.shape(yTrue);
        if (!Shapes.equal(t, yPredShape)) {
            String hint = t.length < yPredShape.length || (t.length == yPredShape.length && t[t.length - 1] == 1)
                    ? "; for integer class labels use sparse_categorical_crossentropy"
                    : "";
            throw mismatch(t, yPredShape, "expected one-hot labels of shape " + Shapes.format(yPredShape) + hint);
        }
    }
}
