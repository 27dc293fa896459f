package ai.lepton.layers;

import ai.lepton.config.Config;

/**
 * The maximum of each channel over the steps of a sequence, {@code (batch, steps, c) -> (batch, c)}
 * ({@code (batch, 1, c)} with {@code keepdims}); the gradient goes to the first step that holds
 * it. Keras's layer takes no mask, and neither does this one. No weights.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Conv1D(16, 3, "relu").inputShape(50, 4),   // (None, 48, 16)
 *         new GlobalMaxPooling1D(),                      // (None, 16)
 *         new Dense(1, "sigmoid"));
 * }</pre>
 */
public final class GlobalMaxPooling1D extends GlobalPooling<GlobalMaxPooling1D> {

    /** Pools to {@code (batch, channels)}; {@link #keepdims(boolean)} keeps the pooled axes. */
    public GlobalMaxPooling1D() {
        super(1, false);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()} or a Keras config.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static GlobalMaxPooling1D fromConfig(Config config) {
        return withGlobalSettings(new GlobalMaxPooling1D(), config);
    }
}
