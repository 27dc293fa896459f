package ai.lepton.layers;

import ai.lepton.autograd.MaxPool2D;
import ai.lepton.config.Config;

/**
 * Max pooling over windows of channels-last images, each channel on its own (see
 * {@link MaxPool2D} for the formula). Input {@code (batch, h, w, c)}, output
 * {@code (batch, outH, outW, c)} with {@code outH = floor((h - poolSize) / strides) + 1} for
 * {@code valid} padding and {@code ceil(h / strides)} for {@code same}. Strides default to the
 * pool size (windows side by side); smaller strides make windows overlap; {@link #poolSize(int...)}
 * and {@link #strides(int...)} take one value per axis for non-square windows. No weights.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Conv2D(32, 3, "relu").inputShape(28, 28, 1),   // (None, 26, 26, 32)
 *         new MaxPooling2D(),                                // (None, 13, 13, 32)
 *         new MaxPooling2D(3).strides(2).padding("same"),    // (None, 7, 7, 32)
 *         new MaxPooling2D(1).poolSize(1, 2),                // (None, 7, 3, 32)
 *         new Flatten(),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class MaxPooling2D extends BasePooling<MaxPooling2D> {

    /** A pool of 2 with stride 2, as Keras's default. */
    public MaxPooling2D() {
        this(2);
    }

    /**
     * @param poolSize the window's size along every axis, positive; also the default stride
     * @throws IllegalArgumentException if {@code poolSize} is not positive
     */
    public MaxPooling2D(int poolSize) {
        super(2, false, poolSize);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()} or a Keras config.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static MaxPooling2D fromConfig(Config config) {
        return withPoolingSettings(new MaxPooling2D(), config);
    }

    @Override
    public MaxPooling2D inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public MaxPooling2D name(String layerName) {
        super.name(layerName);
        return this;
    }
}
