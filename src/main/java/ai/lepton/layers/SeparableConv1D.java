package ai.lepton.layers;

import ai.lepton.config.Config;

/**
 * A depthwise-separable 1-D convolution over sequences {@code (batch, steps, c)} (see
 * {@link BaseSeparableConv}): each channel convolved on its own along the steps, then a
 * pointwise mix of channels. Weights: depthwise_kernel {@code (k, c, depthMultiplier)},
 * pointwise_kernel {@code (1, c · depthMultiplier, filters)}, bias {@code (filters)}. Padding
 * {@code causal} as {@link Conv1D}'s.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new SeparableConv1D(16, 5, "relu").padding("causal").inputShape(40, 4),   // (None, 40, 16)
 *         new GlobalMaxPooling1D(),
 *         new Dense(1, "sigmoid"));
 * }</pre>
 */
public final class SeparableConv1D extends BaseSeparableConv<SeparableConv1D> {

    /**
     * @param filters the pointwise step's output channels, positive
     * @param kernelSize the depthwise window's taps along every axis, positive
     * @throws IllegalArgumentException if either is not positive
     */
    public SeparableConv1D(int filters, int kernelSize) {
        super(1, filters, kernelSize);
    }

    /**
     * @param filters the pointwise step's output channels, positive
     * @param kernelSize the depthwise window's taps along every axis, positive
     * @param activation an activation name, e.g. {@code "relu"} (see {@link Activations})
     */
    public SeparableConv1D(int filters, int kernelSize, String activation) {
        this(filters, kernelSize);
        activation(activation);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()} or a Keras config.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static SeparableConv1D fromConfig(Config config) {
        return withSeparableSettings(new SeparableConv1D(config.getInt("filters"), config.getInts("kernel_size")[0]), config);
    }
}
