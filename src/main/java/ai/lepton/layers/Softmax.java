package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * Softmax as a layer, {@code y_j = e^(x_j) / sum_k e^(x_k)} along one axis, computed stably.
 * As in Keras, axis {@code -1} (the default) is the last axis and positive axes count the batch as
 * axis 0; the batch axis itself is refused. Over the last axis the output remembers its logits,
 * so that a cross-entropy loss after it works from them exactly, as after
 * {@code Dense(n, "softmax")}. A sequence's mask passes through to the output; it does not mask
 * the softmax's inputs (Keras does that only for a mask that broadcasts against them).
 *
 * <pre>{@code
 * SymbolicTensor in = Input.shape(20);
 * SymbolicTensor probabilities = new Softmax().apply(new Dense(5).apply(in));
 * }</pre>
 */
public final class Softmax extends Layer {
    private final int axis;

    /** Softmax over the last axis. */
    public Softmax() {
        this(-1);
    }

    /**
     * @param axis the axis, Keras-style: {@code -1} the last, {@code 1} the first after the batch
     * @throws IllegalArgumentException if {@code axis} is 0, the batch axis
     */
    public Softmax(int axis) {
        if (axis == 0) {
            throw new IllegalArgumentException("Softmax: cannot normalize over the batch axis 0. Received: axis=0");
        }
        this.axis = axis;
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}; a Keras axis list of one axis is read as that axis.
     *
     * @param config the saved settings
     * @return a new layer
     * @throws IllegalArgumentException if the config names several axes
     */
    public static Softmax fromConfig(Config config) {
        if (config.get("axis") == null) {
            return new Softmax();
        }
        int[] axes = config.getInts("axis");
        if (axes.length != 1) {
            throw new IllegalArgumentException("Softmax: a softmax over several axes is not supported. Received: axis="
                    + Arrays.toString(axes));
        }
        return new Softmax(axes[0]);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        Axes.ofExample(this, axis, inputShape);
        return inputShape.clone();
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return x.softmax(axis);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("axis", axis);
    }

    @Override
    public Softmax inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Softmax name(String layerName) {
        super.name(layerName);
        return this;
    }
}
