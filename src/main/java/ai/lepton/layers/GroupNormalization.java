package ai.lepton.layers;

import ai.lepton.autograd.GroupNorm;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;

/**
 * Group normalization, as Keras's {@code GroupNormalization}: the channels (along {@code axis},
 * default the last) are split into {@code groups} groups of consecutive channels (default 32), and
 * each example's groups are normalized with their own statistics over the group's channels at every
 * position, {@code y = gamma * (x - mean) / sqrt(variance + epsilon) + beta}, the same in training
 * and inference. {@code groups = -1} puts each channel in its own group (instance normalization);
 * one group normalizes whole examples. Weights {@code gamma} and {@code beta}: one value per
 * channel. The shared settings are {@link AffineNormalization}'s (epsilon 1e-3 by default).
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Conv2D(32, 3).inputShape(28, 28, 1),
 *         new GroupNormalization(8),          // 8 groups of 4 channels
 *         new ReLU(),
 *         new Flatten(),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class GroupNormalization extends AffineNormalization<GroupNormalization> {
    private final int groups;
    private int axis = -1;

    /** 32 groups along the last axis, Keras's defaults. */
    public GroupNormalization() {
        this(32);
    }

    /**
     * @param groups the number of groups, dividing the channel count, or -1 for one per channel
     * @throws IllegalArgumentException if {@code groups} is neither positive nor -1
     */
    public GroupNormalization(int groups) {
        if (groups <= 0 && groups != -1) {
            throw new IllegalArgumentException("GroupNormalization: groups must be a positive integer, or -1 for one group per channel. "
                    + "Received: groups=" + groups);
        }
        this.groups = groups;
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static GroupNormalization fromConfig(Config config) {
        return withNormalizationSettings(new GroupNormalization(config.getInt("groups", 32)).axis(config.getInt("axis", -1)), config);
    }

    /**
     * @param value the channel axis, Keras-style: {@code -1} (the default) the last, {@code 1} the first after the batch
     * @return this layer
     * @throws IllegalArgumentException if it is 0, the batch axis
     */
    public GroupNormalization axis(int value) {
        if (value == 0) {
            throw new IllegalArgumentException("GroupNormalization: the channel axis cannot be the batch axis 0. Received: axis=0");
        }
        axis = value;
        return this;
    }

    /** The group count for a channel count, checked as Keras checks it. */
    private int groupsFor(int[] inputShape) {
        int channels = inputShape[Axes.ofExample(this, axis, inputShape)];
        int g = groups == -1 ? channels : groups;
        if (g > channels) {
            throw new ShapeException(describe() + ": the number of groups (" + g + ") cannot be more than the number of channels ("
                    + channels + ") of input shape " + Shapes.formatBatched(inputShape));
        }
        if (channels % g != 0) {
            throw new ShapeException(describe() + ": the number of channels (" + channels + ") of input shape "
                    + Shapes.formatBatched(inputShape) + " must be a multiple of the number of groups (" + g + ")");
        }
        return g;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        groupsFor(inputShape);
        return inputShape.clone();
    }

    @Override
    protected void declareWeights(int[] inputShape, Weights weights) {
        declareGammaAndBeta(weights, new int[] {inputShape[Axes.ofExample(this, axis, inputShape)]});
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] exampleShape = builtInputShape();
        return GroupNorm.apply(x, gamma(), beta(), Axes.ofExample(this, axis, exampleShape) + 1, groupsFor(exampleShape), epsilon());
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("groups", groups).put("axis", axis);
    }
}
