package ai.lepton.layers;

import ai.lepton.autograd.AvgPool2D;
import ai.lepton.config.Config;

/**
 * Average pooling over windows of channels-last images, each channel on its own: the mean of
 * the window's cells inside the image, so that with {@code same} padding a border window is
 * divided by its cells in the image, as Keras and TensorFlow do (see {@link AvgPool2D} and
 * {@link BasePooling}). Strides default to the pool size. No weights.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Conv2D(8, 3, "relu").inputShape(28, 28, 1),       // (None, 26, 26, 8)
 *         new AveragePooling2D(),                               // (None, 13, 13, 8)
 *         new AveragePooling2D(3).strides(2).padding("same"),   // (None, 7, 7, 8)
 *         new Flatten(),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class AveragePooling2D extends BasePooling<AveragePooling2D> {

    /** A pool of 2 with stride 2, as Keras's default. */
    public AveragePooling2D() {
        this(2);
    }

    /**
     * @param poolSize the window's size along every axis, positive; also the default stride
     * @throws IllegalArgumentException if {@code poolSize} is not positive
     */
    public AveragePooling2D(int poolSize) {
        super(2, true, poolSize);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()} or a Keras config.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static AveragePooling2D fromConfig(Config config) {
        return withPoolingSettings(new AveragePooling2D(), config);
    }
}
