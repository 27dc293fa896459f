package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * Flattens each example into one axis, keeping the batch axis: {@code (batch, d1, d2, ...)} becomes
 * {@code (batch, d1 * d2 * ...)}, in row-major order (as Keras's default {@code channels_last}).
 * It has no weights; its gradient is the incoming gradient reshaped back.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Conv2D(32, 3, "relu").inputShape(28, 28, 1),
 *         new Flatten(),                 // (None, 26, 26, 32) -> (None, 21632)
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class Flatten extends Layer {
    /** A flatten layer; it has no settings. */
    public Flatten() {
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings (only the base ones)
     * @return a new layer
     */
    public static Flatten fromConfig(Config config) {
        config.markRead("data_format");
        return new Flatten();
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return new int[] {Shapes.size(inputShape)};
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] s = Storage.shape(x);
        return x.reshape(s[0], Shapes.product(s, 1, s.length));
    }

    @Override
    public Flatten inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Flatten name(String layerName) {
        super.name(layerName);
        return this;
    }
}
