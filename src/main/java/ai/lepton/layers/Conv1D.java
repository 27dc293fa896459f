package ai.lepton.layers;

import ai.lepton.config.Config;

/**
 * A 1-D convolution over sequences {@code (batch, steps, channels)},
 * {@code y[b, t, f] = activation(bias[f] + Σ_(p, c) x[b, t s − before + p d, c] · kernel[p, c, f])}
 * with zeros outside the input. Kernel {@code (kernelSize, channels / groups, filters)}, bias
 * {@code (filters)}; output {@code (batch, outSteps, filters)} with
 * {@code outSteps = floor((steps - span) / s) + 1} for {@code valid} padding (span
 * {@code d (k - 1) + 1}), {@code ceil(steps / s)} for {@code same} (the odd extra zero at the end)
 * and for {@code causal} ({@code span - 1} zeros before the sequence, so that output {@code t}
 * sees no input after {@code t}). It runs on the 2-D kernels, a sequence being a one-row image.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Conv1D(32, 5, "relu").inputShape(100, 8),                        // (None, 96, 32)
 *         new Conv1D(32, 3, "relu").padding("causal").dilationRate(2),         // (None, 96, 32)
 *         new Conv1D(64, 3).strides(2).padding("same"),                        // (None, 48, 64)
 *         new GlobalAveragePooling1D(),
 *         new Dense(1, "sigmoid"));
 * }</pre>
 */
public final class Conv1D extends BaseConv<Conv1D> {

    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the window's length, positive
     * @throws IllegalArgumentException if either is not positive
     */
    public Conv1D(int filters, int kernelSize) {
        super(1, filters, kernelSize);
    }

    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the window's length, positive
     * @param activation an activation name, e.g. {@code "relu"} (see {@link Activations})
     */
    public Conv1D(int filters, int kernelSize, String activation) {
        this(filters, kernelSize);
        activation(activation);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()} or a Keras config.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static Conv1D fromConfig(Config config) {
        return withConvSettings(new Conv1D(config.getInt("filters"), config.getInts("kernel_size")[0]), config);
    }
}
