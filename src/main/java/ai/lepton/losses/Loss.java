package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.List;

/**
 * A loss function, as Keras's {@code keras.losses.Loss}: {@link #call} gives the loss of each
 * example and {@link #compute} reduces it as {@link #reduction()} says, by default to the mean
 * over the batch ({@code "sum_over_batch_size"}), a differentiable scalar that training minimizes.
 *
 * <p>The cross-entropies work from the logits when the predictions carry them: the output of a
 * softmax (over the last axis) or a sigmoid remembers its input, as in Keras, and the loss is then
 * computed through {@code logSoftmax} or the log-sigmoid, which is exact and stays finite for any
 * logits. Losses are saved by name ({@link Losses}) with their {@link #getConfig() config}.
 *
 * <pre>{@code
 * Loss loss = Losses.get("categorical_crossentropy");
 * loss.validate(yTrue, yPred.shape());          // fails early, naming the loss and both shapes
 * Tensor value = loss.compute(yTrue, yPred);    // a scalar; value.backward() gives d/d yPred
 * Tensor perExample = loss.call(yTrue, yPred);  // shape (2,)
 * }</pre>
 */
public abstract class Loss {
    /** Keras's fuzz factor {@code backend.epsilon()}: probabilities are clipped to {@code [EPSILON, 1 - EPSILON]}. */
    public static final double EPSILON = 1e-7;
    /** The default reduction: the sum of the per-example losses divided by their number. */
    public static final String SUM_OVER_BATCH_SIZE = "sum_over_batch_size";
    /**
     * The reduction that divides the weighted sum by the sum of the weights: with sample weights,
     * the weighted mean {@code sum_i(w_i * loss_i) / sum_i(w_i)} (0 when the weights sum to 0); without, the mean.
     */
    public static final String MEAN_WITH_SAMPLE_WEIGHT = "mean_with_sample_weight";
    /**
     * Keras's reductions: {@code "sum_over_batch_size"} and its synonym {@code "mean"}, {@code "sum"},
     * {@code "none"}, and {@value #MEAN_WITH_SAMPLE_WEIGHT}.
     */
    public static final List<String> REDUCTIONS = List.of(SUM_OVER_BATCH_SIZE, "sum", "mean", "none", MEAN_WITH_SAMPLE_WEIGHT);

    private String reduction = SUM_OVER_BATCH_SIZE;

    /** For subclasses. */
    protected Loss() {
    }

    /** @return Keras's name of the loss, e.g. {@code "categorical_crossentropy"} */
    public abstract String name();

    /**
     * The loss of a batch, reduced as {@link #reduction()} says: the mean of the per-example
     * losses ({@code "sum_over_batch_size"}, {@code "mean"}), their sum ({@code "sum"}), or the
     * per-example losses themselves ({@code "none"}).
     *
     * @param yTrue the labels (not modified)
     * @param yPred the predictions, shape {@code (batch, ...)} (not modified)
     * @return a scalar tensor (per-example losses for {@code "none"}), differentiable with respect to {@code yPred}
     * @throws ShapeException naming the loss and both shapes if they do not fit together
     */
    public Tensor compute(Tensor yTrue, Tensor yPred) {
        return reduce(call(yTrue, yPred));
    }

    /**
     * The weighted loss of a batch, Keras's {@code loss(y_true, y_pred, sample_weight)}: each
     * example's loss is multiplied by its weight, then reduced as {@link #reduction()} says. The
     * default reduction divides the weighted sum by the number of losses, not by the sum of the
     * weights, as Keras 3's {@code "sum_over_batch_size"} does:
     * {@code loss = sum_i(w_i * loss_i) / batch}; {@value #MEAN_WITH_SAMPLE_WEIGHT} divides it by
     * the sum of the weights instead.
     *
     * <pre>{@code
     * Tensor yTrue = Tensor.zeros(2, 1);
     * Tensor yPred = Tensor.of(new double[] {1, 2}, 2, 1);      // squared errors 1 and 4
     * Tensor w = Tensor.of(new double[] {1, 0.5}, 2);
     * Tensor weighted = new MeanSquaredError().compute(yTrue, yPred, w);   // (1 * 1 + 0.5 * 4) / 2 = 1.5
     * }</pre>
     *
     * @param yTrue the labels (not modified)
     * @param yPred the predictions, shape {@code (batch, ...)} (not modified)
     * @param sampleWeight the weights, {@code (batch,)}, {@code (batch, 1)} or the shape of the
     *        per-example losses, or {@code null} for none (not modified)
     * @return a scalar tensor (the weighted per-example losses for {@code "none"}), differentiable with respect to {@code yPred}
     * @throws ShapeException naming the loss and the shapes if the labels or the weights do not fit
     */
    public Tensor compute(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        if (sampleWeight == null) {
            return compute(yTrue, yPred);
        }
        Tensor values = call(yTrue, yPred);
        Tensor weights = WeightAlignment.align(name(), sampleWeight, Storage.shape(values));
        Tensor weighted = values.mul(weights);
        if (!reduction.equals(MEAN_WITH_SAMPLE_WEIGHT)) {
            return reduce(weighted);
        }
        // The weights' sum as broadcast over the losses; Keras's divide_no_nan gives 0 for weights that sum to 0.
        double total = weights.sum().item() * (values.size() / weights.size());
        return total == 0 ? weighted.sum().mul(0.0) : weighted.sum().div(total);
    }

    /**
     * The loss of each example, Keras's {@code Loss.call}: for predictions of shape
     * {@code (batch, d1, ..., dn)} the losses have shape {@code (batch, d1, ..., dn-1)}.
     *
     * @param yTrue the labels (not modified)
     * @param yPred the predictions (not modified)
     * @return the unreduced losses, differentiable with respect to {@code yPred}
     * @throws ShapeException naming the loss and both shapes if they do not fit together
     * @throws UnsupportedOperationException if a loss of the user's own overrides only {@link #compute}
     */
    public Tensor call(Tensor yTrue, Tensor yPred) {
        throw new UnsupportedOperationException(name() + " (" + getClass().getName()
                + ") gives only the reduced loss: override call(yTrue, yPred) to give the loss of each example");
    }

    /**
     * Reduces per-example losses as {@link #reduction()} says.
     *
     * @param values the per-example losses (not modified)
     * @return their mean, their sum, or {@code values} itself for {@code "none"}
     */
    public final Tensor reduce(Tensor values) {
        switch (reduction) {
            case "none":
                return values;
            case "sum":
                return values.sum();
            default:
                return values.mean();
        }
    }

    /** @return how {@link #compute} reduces the per-example losses, one of {@link #REDUCTIONS} */
    public final String reduction() {
        return reduction;
    }

    /**
     * Sets how {@link #compute} reduces the per-example losses.
     *
     * @param value one of {@link #REDUCTIONS}
     * @return this loss
     * @throws IllegalArgumentException for another value
     */
    public Loss reduction(String value) {
        if (value == null || !REDUCTIONS.contains(value)) {
            throw new IllegalArgumentException(name() + ": reduction must be one of " + REDUCTIONS + ". Received: reduction="
                    + value);
        }
        reduction = value;
        return this;
    }

    /** @return whether {@link #compute} is the mean of the per-example losses */
    protected final boolean reducesToMean() {
        return !reduction.equals("none") && !reduction.equals("sum");
    }

    /**
     * The settings, as Keras's {@code get_config()}: the name, the reduction, and each loss's
     * options under Keras's keys. A loss's registered factory ({@link Losses#register}) reads them back.
     *
     * @return a new config
     */
    public Config getConfig() {
        return Config.of(getClass().getSimpleName()).put("name", name()).put("reduction", reduction);
    }

    /**
     * Sets the reduction a config names; Keras writes {@code null} (Python's {@code None}) for
     * {@code "none"}.
     *
     * @param loss a loss being rebuilt (modified)
     * @param config its settings
     * @param <L> the loss class
     * @return {@code loss}
     * @throws IllegalArgumentException for an unknown reduction
     */
    protected static <L extends Loss> L withReduction(L loss, Config config) {
        if (config.has("reduction") && config.get("reduction") == null) {
            loss.reduction("none");
        } else {
            loss.reduction(config.getString("reduction", SUM_OVER_BATCH_SIZE));
        }
        return loss;
    }

    /**
     * Checks that labels fit predictions of a given shape, before any training happens. The
     * default accepts labels of the predictions' shape, and {@code (batch,)} labels for
     * {@code (batch, 1)} predictions.
     *
     * @param yTrue the labels (not modified)
     * @param yPredShape the shape of the predictions, batch dimension included (not modified)
     * @throws ShapeException naming the loss and both shapes
     */
    public void validate(Tensor yTrue, int[] yPredShape) {
        int[] t = Storage.shape(yTrue);
        if (!Shapes.equal(t, yPredShape) && !isColumnOf(t, yPredShape)) {
            throw mismatch(t, yPredShape, "expected labels of the predictions' shape " + Shapes.format(yPredShape));
        }
    }

    /**
     * Labels in the predictions' shape: {@code (batch,)} labels become {@code (batch, 1)} when the
     * predictions have one column.
     *
     * @param yTrue the labels (not modified)
     * @param yPred the predictions (not modified)
     * @return {@code yTrue}, possibly reshaped
     * @throws ShapeException naming the loss and both shapes if they still differ
     */
    protected final Tensor alignLabels(Tensor yTrue, Tensor yPred) {
        validate(yTrue, Storage.shape(yPred));
        return isColumnOf(Storage.shape(yTrue), Storage.shape(yPred)) ? yTrue.reshape(Storage.shape(yPred)) : yTrue;
    }

    /**
     * The one message format for labels that do not fit the predictions.
     *
     * @param yTrueShape the labels' shape (not modified)
     * @param yPredShape the predictions' shape (not modified)
     * @param expectation what the loss expected, in words
     * @return an exception to throw
     */
    protected final ShapeException mismatch(int[] yTrueShape, int[] yPredShape, String expectation) {
        return new ShapeException(name() + ": labels of shape " + Shapes.format(yTrueShape) + " do not fit predictions of shape "
                + Shapes.format(yPredShape) + ": " + expectation);
    }

    /**
     * Checks a setting's value at construction, in Keras's words.
     *
     * @param setting the setting's name, e.g. {@code "labelSmoothing"}
     * @param value the value received
     * @param valid whether it is allowed
     * @param expectation what is allowed, e.g. {@code "in [0, 1]"}
     * @return {@code value}
     * @throws IllegalArgumentException naming the loss, the setting and the value if it is not allowed
     */
    protected final double check(String setting, double value, boolean valid, String expectation) {
        if (!valid) {
            throw new IllegalArgumentException(name() + ": " + setting + " must be " + expectation + ". Received: " + setting
                    + "=" + value);
        }
        return value;
    }

    private static boolean isColumnOf(int[] labels, int[] predictions) {
        return labels.length == 1 && predictions.length == 2 && predictions[1] == 1 && labels[0] == predictions[0];
    }

    @Override
    public String toString() {
        return name();
    }
}
