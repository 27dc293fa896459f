package ai.lepton.layers;

import ai.lepton.config.Config;

/**
 * Max pooling over windows of a sequence {@code (batch, steps, channels)}, each channel on its
 * own: {@code y[b, t, c] = max over the window of x[b, t s - before + p, c]}, taking only steps
 * inside the input (see {@link BasePooling} for the output length and padding). Strides default
 * to the pool size. No weights.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Conv1D(16, 3, "relu").inputShape(50, 4),   // (None, 48, 16)
 *         new MaxPooling1D(),                            // (None, 24, 16)
 *         new MaxPooling1D(3).strides(2).padding("same"),   // (None, 12, 16)
 *         new Flatten(),
 *         new Dense(1, "sigmoid"));
 * }</pre>
 */
public final class MaxPooling1D extends BasePooling<MaxPooling1D> {

    /** A pool of 2 with stride 2, as Keras's default. */
    public MaxPooling1D() {
        this(2);
    }

    /**
     * @param poolSize the window's size along every axis, positive; also the default stride
     * @throws IllegalArgumentException if {@code poolSize} is not positive
     */
    public MaxPooling1D(int poolSize) {
        super(1, false, poolSize);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()} or a Keras config.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static MaxPooling1D fromConfig(Config config) {
        return withPoolingSettings(new MaxPooling1D(), config);
    }
}
