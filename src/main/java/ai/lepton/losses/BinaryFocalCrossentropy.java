package ai.lepton.losses;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * The focal cross-entropy for yes/no targets (Lin et al. 2018), Keras's
 * {@code BinaryFocalCrossentropy}: per element
 * {@code l = (1 - p_t)^gamma bce(y, p)} with {@code p_t = y p + (1 - y)(1 - p)}, averaged over the
 * last axis for each example; with {@link #applyClassBalancing(boolean) class balancing} each
 * element is also weighted by {@code alpha} for the positive class and {@code 1 - alpha} for the
 * negative one. The factor {@code (1 - p_t)^gamma} turns the loss down where the prediction is
 * already good. {@code bce} is {@link BinaryCrossentropy}'s, from the logits when the predictions
 * are a sigmoid's output or {@link #fromLogits(boolean) logits} (they go through a sigmoid for
 * {@code p}). Label smoothing {@code s} replaces the labels by {@code y (1 - s) + s / 2}.
 *
 * <pre>{@code
 * Tensor y = Tensor.of(new double[] {1, 0}, 2, 1);
 * Loss focal = new BinaryFocalCrossentropy().applyClassBalancing(true).alpha(0.25).gamma(2.0);
 * Tensor loss = focal.compute(y, Tensor.of(new double[] {0.9, 0.3}, 2, 1));
 * }</pre>
 */
public final class BinaryFocalCrossentropy extends ElementwiseLoss {
    private boolean applyClassBalancing;
    private double alpha = 0.25;
    private double gamma = 2.0;
    private boolean fromLogits;
    private double labelSmoothing;
    private int axis = -1;

    /** Creates the loss with Keras's defaults: no class balancing, alpha 0.25, gamma 2.0, probabilities, no smoothing. */
    public BinaryFocalCrossentropy() {
    }

    /**
     * @param on whether to weigh positive elements by {@code alpha} and negative ones by {@code 1 - alpha} (default false)
     * @return this loss
     */
    public BinaryFocalCrossentropy applyClassBalancing(boolean on) {
        applyClassBalancing = on;
        return this;
    }

    /**
     * @param value the weight of the positive class under class balancing, in {@code [0, 1]} (default 0.25)
     * @return this loss
     * @throws IllegalArgumentException if out of range
     */
    public BinaryFocalCrossentropy alpha(double value) {
        alpha = check("alpha", value, value >= 0 && value <= 1, "in [0, 1]");
        return this;
    }

    /**
     * @param value the focusing exponent, not negative (default 2.0; 0 gives the binary cross-entropy)
     * @return this loss
     * @throws IllegalArgumentException if out of range
     */
    public BinaryFocalCrossentropy gamma(double value) {
        gamma = check("gamma", value, value >= 0 && value < Double.POSITIVE_INFINITY, "non-negative and finite");
        return this;
    }

    /**
     * @param on whether the predictions are logits rather than probabilities (default false)
     * @return this loss
     */
    public BinaryFocalCrossentropy fromLogits(boolean on) {
        fromLogits = on;
        return this;
    }

    /**
     * @param value how far the labels are pulled towards 0.5, in {@code [0, 1]} (default 0)
     * @return this loss
     * @throws IllegalArgumentException if out of range
     */
    public BinaryFocalCrossentropy labelSmoothing(double value) {
        labelSmoothing = check("labelSmoothing", value, value >= 0 && value <= 1, "in [0, 1]");
        return this;
    }

    /**
     * @param value the axis each example's mean is taken over; negative counts from the end (default -1)
     * @return this loss
     */
    public BinaryFocalCrossentropy axis(int value) {
        axis = value;
        return this;
    }

    @Override
    public String name() {
        return "binary_focal_crossentropy";
    }

    @Override
    protected int axis() {
        return axis;
    }

    @Override
    protected Tensor elementwise(Tensor yTrue, Tensor yPred) {
        Tensor y = BinaryCrossentropy.smooth(yTrue, labelSmoothing);
        Tensor p = fromLogits ? yPred.sigmoid() : yPred;
        Tensor bce = BinaryCrossentropy.of(y, p, Logits.of(p, false));
        Tensor notY = y.neg().add(1.0);
        Tensor pT = y.mul(p).add(notY.mul(p.neg().add(1.0)));
        Tensor focal = pT.neg().add(1.0).pow(gamma).mul(bce);
        if (!applyClassBalancing) {
            return focal;
        }
        return y.mul(alpha).add(notY.mul(1.0 - alpha)).mul(focal);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("from_logits", fromLogits).put("label_smoothing", labelSmoothing).put("axis", axis)
                .put("apply_class_balancing", applyClassBalancing).put("alpha", alpha).put("gamma", gamma);
    }

    /**
     * Rebuilds the loss from its config; absent settings take Keras's defaults.
     *
     * @param config the saved settings
     * @return a new loss
     */
    public static BinaryFocalCrossentropy fromConfig(Config config) {
        return withReduction(new BinaryFocalCrossentropy().applyClassBalancing(config.getBoolean("apply_class_balancing", false))
                .alpha(config.getDouble("alpha", 0.25)).gamma(config.getDouble("gamma", 2.0))
                .fromLogits(config.getBoolean("from_logits", false)).labelSmoothing(config.getDouble("label_smoothing", 0.0))
                .axis(config.getInt("axis", -1)), config);
    }
}
