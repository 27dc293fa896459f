package ai.lepton.layers;

import ai.lepton.autograd.Crop;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * Crops the centre of each image to a fixed height and width, in training and inference alike,
 * as Keras's {@code CenterCrop}: {@code (batch, h, w, c)} becomes {@code (batch, height, width, c)},
 * starting at row {@code floor((h - height) / 2)} and column {@code floor((w - width) / 2)}. An
 * image smaller than the target in either direction is instead resized, bilinearly, from its
 * largest centred window with the target's aspect ratio (Keras's {@code smart_resize}). No
 * weights; the gradient of a cropped-away pixel is zero.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new CenterCrop(24, 24).inputShape(28, 28, 1),
 *         new Flatten(),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class CenterCrop extends Layer {
    private final int height;
    private final int width;

    /**
     * @param height the output height, positive
     * @param width the output width, positive
     * @throws IllegalArgumentException if one is not positive
     */
    public CenterCrop(int height, int width) {
        this.height = requirePositive("height", height);
        this.width = requirePositive("width", width);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static CenterCrop fromConfig(Config config) {
        Tuples.requireChannelsLast(config);
        return new CenterCrop(config.getInt("height"), config.getInt("width"));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new ShapeException(describe() + ": expected input shape (None, height, width, channels), received "
                    + Shapes.formatBatched(inputShape));
        }
        return new int[] {height, width, inputShape[2]};
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] s = Storage.shape(x);
        if (s[1] < height || s[2] < width) {
            return SmartResize.apply(x, height, width, "bilinear");
        }
        return Crop.apply(x, new int[] {0, (s[1] - height) / 2, (s[2] - width) / 2, 0}, new int[] {s[0], height, width, s[3]});
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("height", height).put("width", width).put("data_format", "channels_last");
    }

    @Override
    public CenterCrop inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public CenterCrop name(String layerName) {
        super.name(layerName);
        return this;
    }
}
