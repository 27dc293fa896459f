package ai.lepton.layers;

import ai.lepton.config.Config;

/**
 * The maximum of each channel over the pixels of an image, {@code (batch, h, w, c) -> (batch, c)}
 * ({@code (batch, 1, 1, c)} with {@code keepdims}); the gradient goes to the first pixel that
 * holds it. No weights.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Conv2D(32, 3, "relu").inputShape(28, 28, 1),   // (None, 26, 26, 32)
 *         new GlobalMaxPooling2D(),                          // (None, 32)
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class GlobalMaxPooling2D extends GlobalPooling<GlobalMaxPooling2D> {

    /** Pools to {@code (batch, channels)}; {@link #keepdims(boolean)} keeps the pooled axes. */
    public GlobalMaxPooling2D() {
        super(2, false);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()} or a Keras config.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static GlobalMaxPooling2D fromConfig(Config config) {
        return withGlobalSettings(new GlobalMaxPooling2D(), config);
    }
}
