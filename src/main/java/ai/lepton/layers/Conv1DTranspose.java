package ai.lepton.layers;

import ai.lepton.config.Config;

/**
 * A transposed 1-D convolution over sequences {@code (batch, steps, c)} (see
 * {@link BaseConvTranspose} for the output length and placement): it lengthens a sequence by the
 * stride. Kernel {@code (k, filters, inChannels)}, bias {@code (filters)}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Conv1DTranspose(8, 3).strides(2).padding("same").inputShape(10, 4),   // (None, 20, 8)
 *         new Conv1DTranspose(2, 4).strides(2));                                   // (None, 42, 2)
 * }</pre>
 */
public final class Conv1DTranspose extends BaseConvTranspose<Conv1DTranspose> {

    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the window's taps along every axis, positive
     * @throws IllegalArgumentException if either is not positive
     */
    public Conv1DTranspose(int filters, int kernelSize) {
        super(1, filters, kernelSize);
    }

    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the window's taps along every axis, positive
     * @param activation an activation name, e.g. {@code "relu"} (see {@link Activations})
     */
    public Conv1DTranspose(int filters, int kernelSize, String activation) {
        this(filters, kernelSize);
        activation(activation);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()} or a Keras config.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static Conv1DTranspose fromConfig(Config config) {
        return withTransposeSettings(new Conv1DTranspose(config.getInt("filters"), config.getInts("kernel_size")[0]), config);
    }
}
