package ai.lepton.layers;

import ai.lepton.config.Config;

/**
 * Average pooling over windows of a sequence {@code (batch, steps, channels)}, each channel on
 * its own: the mean of the window's steps inside the input, so that with {@code same} padding a
 * border window is divided by its steps in the sequence, as in Keras (see {@link BasePooling}).
 * Strides default to the pool size. No weights.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Conv1D(16, 3, "relu").inputShape(50, 4),   // (None, 48, 16)
 *         new AveragePooling1D(4),                       // (None, 12, 16)
 *         new Flatten(),
 *         new Dense(1, "sigmoid"));
 * }</pre>
 */
public final class AveragePooling1D extends BasePooling<AveragePooling1D> {

    /** A pool of 2 with stride 2, as Keras's default. */
    public AveragePooling1D() {
        this(2);
    }

    /**
     * @param poolSize the window's size along every axis, positive; also the default stride
     * @throws IllegalArgumentException if {@code poolSize} is not positive
     */
    public AveragePooling1D(int poolSize) {
        super(1, true, poolSize);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()} or a Keras config.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static AveragePooling1D fromConfig(Config config) {
        return withPoolingSettings(new AveragePooling1D(), config);
    }
}
