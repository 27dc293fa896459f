package ai.lepton.layers;

import ai.lepton.config.Config;

/**
 * A depthwise-separable 2-D convolution (see {@link BaseSeparableConv}): each channel convolved
 * on its own, then a 1×1 convolution mixing channels, for far fewer weights and multiplications
 * than a {@link Conv2D} of the same window. Weights: depthwise_kernel
 * {@code (kh, kw, c, depthMultiplier)}, pointwise_kernel {@code (1, 1, c · depthMultiplier, filters)},
 * bias {@code (filters)}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new SeparableConv2D(32, 3, "relu").padding("same").inputShape(16, 16, 8),   // (None, 16, 16, 32), 360 params
 *         new SeparableConv2D(64, 3).strides(2).depthMultiplier(2),                  // (None, 7, 7, 64)
 *         new GlobalAveragePooling2D(),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class SeparableConv2D extends BaseSeparableConv<SeparableConv2D> {

    /**
     * @param filters the pointwise step's output channels, positive
     * @param kernelSize the depthwise window's taps along every axis, positive
     * @throws IllegalArgumentException if either is not positive
     */
    public SeparableConv2D(int filters, int kernelSize) {
        super(2, filters, kernelSize);
    }

    /**
     * @param filters the pointwise step's output channels, positive
     * @param kernelSize the depthwise window's taps along every axis, positive
     * @param activation an activation name, e.g. {@code "relu"} (see {@link Activations})
     */
    public SeparableConv2D(int filters, int kernelSize, String activation) {
        this(filters, kernelSize);
        activation(activation);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()} or a Keras config.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static SeparableConv2D fromConfig(Config config) {
        return withSeparableSettings(new SeparableConv2D(config.getInt("filters"), config.getInts("kernel_size")[0]), config);
    }
}
