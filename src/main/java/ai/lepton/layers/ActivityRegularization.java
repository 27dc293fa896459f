package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;

/**
 * Passes its input through unchanged and adds a penalty on it to the training loss, as Keras's
 * {@code ActivityRegularization}: {@code (l1 * sum(|x|) + l2 * sum(x^2)) / batch}, divided by the
 * batch size as Keras divides every activity penalty. Both factors default to 0.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Dense(64, "relu").inputShape(4),
 *         new ActivityRegularization(1e-4, 0.0),   // sparse activations
 *         new Dense(3, "softmax"));
 * }</pre>
 */
public final class ActivityRegularization extends Layer {
    private final L1L2 penalty;

    /** No penalty: both factors 0. */
    public ActivityRegularization() {
        this(0.0, 0.0);
    }

    /**
     * @param l1 the factor of {@code sum(|x|)}, not negative
     * @param l2 the factor of {@code sum(x^2)}, not negative
     * @throws IllegalArgumentException if a factor is negative, infinite or NaN
     */
    public ActivityRegularization(double l1, double l2) {
        this.penalty = new L1L2(l1, l2);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static ActivityRegularization fromConfig(Config config) {
        return new ActivityRegularization(config.getDouble("l1", 0.0), config.getDouble("l2", 0.0));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        if (penalty.l1() != 0 || penalty.l2() != 0) {
            addLoss(Regularizers.activityPenalty(penalty, x));
        }
        return x;
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("l1", penalty.l1()).put("l2", penalty.l2());
    }

    @Override
    public ActivityRegularization inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public ActivityRegularization name(String layerName) {
        super.name(layerName);
        return this;
    }
}
