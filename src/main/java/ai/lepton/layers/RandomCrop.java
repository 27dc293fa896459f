package ai.lepton.layers;

import ai.lepton.autograd.Crop;
import ai.lepton.config.Config;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Crops a window of fixed size at a random place during training, as Keras's
 * {@code RandomCrop}: {@code (batch, h, w, c)} becomes {@code (batch, height, width, c)}, every
 * image of a batch cut at the same place, the top row drawn uniformly from
 * {@code 0 .. h - height} and the left column from {@code 0 .. w - width}. In inference, and in
 * training when an image is smaller than the window, the largest centred window with the target's
 * aspect ratio is resized to the target instead (Keras's documented behaviour, its
 * {@code smart_resize}), so a model's shapes agree in both. No weights; the gradient of a
 * cropped-away pixel is zero.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new RandomCrop(28, 28).inputShape(32, 32, 3),
 *         new Flatten(),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class RandomCrop extends Augmentation {
    private final int height;
    private final int width;

    /**
     * @param height the output height, positive
     * @param width the output width, positive
     * @throws IllegalArgumentException if one is not positive
     */
    public RandomCrop(int height, int width) {
        this.height = requirePositive("height", height);
        this.width = requirePositive("width", width);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static RandomCrop fromConfig(Config config) {
        Tuples.requireChannelsLast(config);
        config.markRead("seed");
        return new RandomCrop(config.getInt("height"), config.getInt("width"));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        requireImages(inputShape);
        return new int[] {height, width, inputShape[2]};
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] s = Storage.shape(x);
        if (!training || s[1] < height || s[2] < width) {
            return SmartResize.apply(x, height, width, "bilinear");
        }
        SplittableRandom random = nextDraw();
        int top = (int) (random.nextDouble() * (s[1] - height + 1));
        int left = (int) (random.nextDouble() * (s[2] - width + 1));
        return Crop.apply(x, new int[] {0, top, left, 0}, new int[] {s[0], height, width, s[3]});
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("height", height).put("width", width).put("data_format", "channels_last");
    }

    @Override
    public RandomCrop inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public RandomCrop name(String layerName) {
        super.name(layerName);
        return this;
    }
}
