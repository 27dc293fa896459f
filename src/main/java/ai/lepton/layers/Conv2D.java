package ai.lepton.layers;

import ai.lepton.autograd.Conv2DOp;
import ai.lepton.autograd.PaddingRule;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;

/**
 * A 2-D convolution over channels-last images, {@code y = activation(conv2d(x, kernel) + bias)}
 * (see {@link Conv2DOp} for the formula). Kernel {@code (kernelSize, kernelSize, inChannels, filters)},
 * bias {@code (filters)}; input {@code (batch, h, w, inChannels)}, output
 * {@code (batch, outH, outW, filters)} with {@code outH = floor((h - kernelSize) / strides) + 1}
 * for {@code valid} padding and {@code ceil(h / strides)} for {@code same} (TensorFlow's rule:
 * the odd extra row and column of zeros go to the bottom and right).
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Conv2D(32, 3, "relu").inputShape(28, 28, 1),          // (None, 26, 26, 32), 320 params
 *         new Conv2D(64, 3, "relu").strides(2).padding("same"),     // (None, 13, 13, 64)
 *         new Flatten(),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class Conv2D extends KernelLayer<Conv2D> {
    private final int filters;
    private final int kernelSize;
    private int strides = 1;
    private String padding = "valid";

    /**
     * @param filters the number of output channels, positive
     * @param kernelSize the height and width of the window, positive
     * @throws IllegalArgumentException if either is not positive
     */
    public Conv2D(int filters, int kernelSize) {
        this.filters = requirePositive("filters", filters);
        this.kernelSize = requirePositive("kernel_size", kernelSize);
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
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static Conv2D fromConfig(Config config) {
        Conv2D layer = new Conv2D(config.getInt("filters"), square(config, "kernel_size"));
        layer.strides(square(config, "strides")).padding(config.getString("padding", "valid"));
        return withKernelSettings(layer, config);
    }

    /** A window setting saved as {@code [n, n]} (or a single number), which this layer takes square. */
    static int square(Config config, String key) {
        int[] v = config.getInts(key);
        if (v.length == 0 || v.length > 2 || (v.length == 2 && v[0] != v[1])) {
            throw new IllegalArgumentException(config.owner() + ": " + key + " must be one size for both axes. Received: "
                    + key + "=" + java.util.Arrays.toString(v));
        }
        return v[0];
    }

    /**
     * @param step the step between windows along both axes (default 1), positive
     * @return this layer
     * @throws IllegalArgumentException if {@code step} is not positive
     */
    public Conv2D strides(int step) {
        strides = requirePositive("strides", step);
        return this;
    }

    /**
     * @param name {@code "valid"} (default: no padding) or {@code "same"} (zeros so that the output is {@code ceil(in / strides)})
     * @return this layer
     * @throws IllegalArgumentException for another name
     */
    public Conv2D padding(String name) {
        padding = requirePadding(name);
        return this;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new ShapeException(describe() + ": expected input shape (None, height, width, channels), received "
                    + Shapes.formatBatched(inputShape));
        }
        int outH = PaddingRule.outputSize(inputShape[0], kernelSize, strides, padding);
        int outW = PaddingRule.outputSize(inputShape[1], kernelSize, strides, padding);
        if (outH < 1 || outW < 1) {
            throw new ShapeException(describe() + ": kernel size (" + kernelSize + ", " + kernelSize
                    + ") is larger than the input " + Shapes.formatBatched(inputShape) + " with padding 'valid'");
        }
        return new int[] {outH, outW, filters};
    }

    @Override
    protected void declareWeights(int[] inputShape, Weights weights) {
        declareKernelAndBias(weights, new int[] {kernelSize, kernelSize, inputShape[2], filters});
    }

    @Override
    protected Tensor linear(Tensor x, Tensor kernel, Tensor bias, boolean relu) {
        return Conv2DOp.apply(x, kernel, bias, strides, padding, relu);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("filters", filters).put("kernel_size", new int[] {kernelSize, kernelSize})
                .put("strides", new int[] {strides, strides}).put("padding", padding);
    }
}
