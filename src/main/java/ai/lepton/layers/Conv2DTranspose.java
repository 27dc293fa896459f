package ai.lepton.layers;

import ai.lepton.config.Config;

/**
 * A transposed 2-D convolution over channels-last images (see {@link BaseConvTranspose} for the
 * output size and placement), the upsampling step of decoders and segmentation networks. Kernel
 * {@code (kh, kw, filters, inChannels)}, bias {@code (filters)}.
 *
 * <pre>{@code
 * Sequential decoder = new Sequential(
 *         new Conv2DTranspose(16, 3, "relu").strides(2).padding("same").inputShape(7, 7, 8),   // (None, 14, 14, 16)
 *         new Conv2DTranspose(1, 3).strides(2).padding("same").outputPadding(1),             // (None, 28, 28, 1)
 *         new Conv2DTranspose(4, 2).kernelSize(2, 3));                                      // (None, 29, 30, 4)
 * }</pre>
 */
public final class Conv2DTranspose extends BaseConvTranspose<Conv2DTranspose> {

    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the window's taps along every axis, positive
     * @throws IllegalArgumentException if either is not positive
     */
    public Conv2DTranspose(int filters, int kernelSize) {
        super(2, filters, kernelSize);
    }

    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the window's taps along every axis, positive
     * @param activation an activation name, e.g. {@code "relu"} (see {@link Activations})
     */
    public Conv2DTranspose(int filters, int kernelSize, String activation) {
        this(filters, kernelSize);
        activation(activation);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()} or a Keras config.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static Conv2DTranspose fromConfig(Config config) {
        return withTransposeSettings(new Conv2DTranspose(config.getInt("filters"), config.getInts("kernel_size")[0]), config);
    }
}
