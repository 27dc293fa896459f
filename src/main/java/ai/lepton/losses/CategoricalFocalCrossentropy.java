package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * The focal cross-entropy for one-hot labels (Lin et al. 2018), Keras's
 * {@code CategoricalFocalCrossentropy}: with the probabilities renormalized and clipped,
 * {@code q = clip(p / sum(p), 1e-7, 1 - 1e-7)}, per example
 * {@code loss = sum_c alpha (1 - q_c)^gamma (-y_c log(q_c))} over the class axis. The factor
 * {@code (1 - q)^gamma} turns the loss down on examples that are already classified well;
 * {@code alpha} weighs the classes (one number for all, or one per class). With
 * {@link #fromLogits(boolean) fromLogits} the predictions are logits and go through a softmax
 * first. Label smoothing {@code s} replaces the labels by {@code y (1 - s) + s / classes}.
 *
 * <p>Unlike {@link CategoricalCrossentropy}, it always works from the (clipped) probabilities, as
 * Keras does in every backend, also after a softmax layer.
 *
 * <pre>{@code
 * Tensor loss = new CategoricalFocalCrossentropy().gamma(2.0).alpha(0.25).compute(oneHot, probabilities);
 * }</pre>
 */
public final class CategoricalFocalCrossentropy extends Loss {
    private double[] alpha = {0.25};
    private double gamma = 2.0;
    private boolean fromLogits;
    private double labelSmoothing;
    private int axis = -1;

    /** Creates the loss with Keras's defaults: alpha 0.25, gamma 2.0, probabilities, no smoothing, classes last. */
    public CategoricalFocalCrossentropy() {
    }

    /**
     * @param values one weight for every class, or one per class (default 0.25)
     * @return this loss
     * @throws IllegalArgumentException if no value is given or one is not finite
     */
    public CategoricalFocalCrossentropy alpha(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException(name() + ": alpha needs one value, or one per class. Received none");
        }
        for (double v : values) {
            check("alpha", v, Double.isFinite(v), "finite");
        }
        alpha = values.clone();
        return this;
    }

    /**
     * @param value the focusing exponent, not negative (default 2.0; 0 gives the weighted cross-entropy)
     * @return this loss
     * @throws IllegalArgumentException if out of range
     */
    public CategoricalFocalCrossentropy gamma(double value) {
        gamma = check("gamma", value, value >= 0 && value < Double.POSITIVE_INFINITY, "non-negative and finite");
        return this;
    }

    /**
     * @param on whether the predictions are logits rather than probabilities (default false)
     * @return this loss
     */
    public CategoricalFocalCrossentropy fromLogits(boolean on) {
        fromLogits = on;
        return this;
    }

    /**
     * @param value how far the labels are pulled towards {@code 1 / classes}, in {@code [0, 1]} (default 0)
     * @return this loss
     * @throws IllegalArgumentException if out of range
     */
    public CategoricalFocalCrossentropy labelSmoothing(double value) {
        labelSmoothing = check("labelSmoothing", value, value >= 0 && value <= 1, "in [0, 1]");
        return this;
    }

    /**
     * @param value the class axis; negative counts from the end (default -1)
     * @return this loss
     */
    public CategoricalFocalCrossentropy axis(int value) {
        axis = value;
        return this;
    }

    @Override
    public String name() {
        return "categorical_focal_crossentropy";
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor y = alignLabels(yTrue, yPred);
        int[] shape = Storage.shape(yPred);
        int classAxis = Shapes.axis(name(), shape, axis);
        if (labelSmoothing != 0) {
            y = y.mul(1.0 - labelSmoothing).add(labelSmoothing / shape[classAxis]);
        }
        Tensor p = fromLogits ? yPred.softmax(classAxis) : yPred;
        Tensor q = Clip.probabilities(p.div(p.sum(classAxis, true)));
        Tensor crossEntropy = y.neg().mul(q.log());
        Tensor weight = q.neg().add(1.0).pow(gamma).mul(alphaTensor(shape, classAxis));
        return weight.mul(crossEntropy).sum(classAxis, false);
    }

    /** The class weights, shaped to broadcast along the class axis. */
    private Tensor alphaTensor(int[] shape, int classAxis) {
        if (alpha.length == 1) {
            return Tensor.scalar(alpha[0]);
        }
        if (alpha.length != shape[classAxis]) {
            throw new IllegalArgumentException(name() + ": alpha has " + alpha.length + " values, one per class, but the predictions "
                    + Shapes.format(shape) + " have " + shape[classAxis] + " classes");
        }
        int[] along = new int[shape.length];
        Arrays.fill(along, 1);
        along[classAxis] = alpha.length;
        return Tensor.of(alpha, along);
    }

    @Override
    public Config getConfig() {
        Object alphaValue = alpha.length == 1 ? (Object) alpha[0] : alpha.clone();
        return super.getConfig().put("from_logits", fromLogits).put("label_smoothing", labelSmoothing).put("axis", axis)
                .put("alpha", alphaValue).put("gamma", gamma);
    }

    /**
     * Rebuilds the loss from its config; absent settings take Keras's defaults.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static CategoricalFocalCrossentropy fromConfig(Config config) {
        CategoricalFocalCrossentropy loss = new CategoricalFocalCrossentropy().fromLogits(config.getBoolean("from_logits", false))
                .labelSmoothing(config.getDouble("label_smoothing", 0.0)).axis(config.getInt("axis", -1))
                .gamma(config.getDouble("gamma", 2.0));
        if (config.get("alpha") != null) {
            loss.alpha(config.getDoubles("alpha"));
        }
        return withReduction(loss, config);
    }
}
