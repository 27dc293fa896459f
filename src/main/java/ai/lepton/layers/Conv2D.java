package ai.lepton.layers;

import ai.lepton.autograd.Conv2DOp;
import ai.lepton.config.Config;

/**
 * A 2-D convolution over channels-last images, {@code y = activation(conv2d(x, kernel) + bias)}
 * (see {@link Conv2DOp} for the formula). Kernel {@code (kh, kw, inChannels / groups, filters)},
 * bias {@code (filters)}; input {@code (batch, h, w, inChannels)}, output
 * {@code (batch, outH, outW, filters)} with, along each axis and span {@code d (k - 1) + 1},
 * {@code outH = floor((h - span) / strides) + 1} for {@code valid} padding and
 * {@code ceil(h / strides)} for {@code same} (TensorFlow's rule: the odd extra row and column of
 * zeros go to the bottom and right). Kernels and strides may differ between the two axes, and
 * {@code dilationRate} and {@code groups} are Keras's (see {@link BaseConv}).
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Conv2D(32, 3, "relu").inputShape(28, 28, 1),          // (None, 26, 26, 32), 320 params
 *         new Conv2D(64, 3, "relu").strides(2).padding("same"),     // (None, 13, 13, 64)
 *         new Conv2D(64, 3).kernelSize(1, 5).strides(1, 2).groups(4),   // (None, 13, 5, 64)
 *         new Flatten(),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class Conv2D extends BaseConv<Conv2D> {

    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the height and width of the window, positive ({@link #kernelSize(int...)} sets them apart)
     * @throws IllegalArgumentException if either is not positive
     */
    public Conv2D(int filters, int kernelSize) {
        super(2, filters, kernelSize);
    }

    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the height and width of the window, positive
     * @param activation an activation name, e.g. {@code "relu"} (see {@link Activations})
     */
    public Conv2D(int filters, int kernelSize, String activation) {
        this(filters, kernelSize);
        activation(activation);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()} or a Keras config.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static Conv2D fromConfig(Config config) {
        return withConvSettings(new Conv2D(config.getInt("filters"), config.getInts("kernel_size")[0]), config);
    }
}
