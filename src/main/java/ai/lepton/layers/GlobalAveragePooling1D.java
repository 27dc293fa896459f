package ai.lepton.layers;

import ai.lepton.config.Config;

/**
 * The mean of each channel over the steps of a sequence, {@code (batch, steps, c) -> (batch, c)}
 * ({@code (batch, 1, c)} with {@code keepdims}). With a mask from an {@code Embedding(maskZero)}
 * or a {@code Masking} layer, the mean of the kept steps only, as Keras:
 * {@code y[b, c] = Σ_t m[b, t] x[b, t, c] / Σ_t m[b, t]}. No weights.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Embedding(1000, 16).maskZero(true).inputShape(20),   // (None, 20, 16)
 *         new GlobalAveragePooling1D(),                            // (None, 16), padding ignored
 *         new Dense(1, "sigmoid"));
 * }</pre>
 */
public final class GlobalAveragePooling1D extends GlobalPooling<GlobalAveragePooling1D> {

    /** Pools to {@code (batch, channels)}; {@link #keepdims(boolean)} keeps the pooled axes. */
    public GlobalAveragePooling1D() {
        super(1, true);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()} or a Keras config.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static GlobalAveragePooling1D fromConfig(Config config) {
        return withGlobalSettings(new GlobalAveragePooling1D(), config);
    }
}
