package ai.lepton.layers;

import ai.lepton.autograd.DepthwiseConv2DOp;
import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * A depthwise 2-D convolution: each input channel convolved with its own
 * {@code depthMultiplier} filters, nothing mixing channels (see {@link DepthwiseConv2DOp} for the
 * formula), then bias and activation. Kernel {@code (kh, kw, inChannels, depthMultiplier)}, bias
 * {@code (inChannels · depthMultiplier)}; output {@code (batch, outH, outW, inChannels · depthMultiplier)}
 * with output channel {@code c · depthMultiplier + m} from input channel {@code c}. Strides,
 * padding and dilation as {@link Conv2D}'s. Keras names the kernel's settings
 * {@code depthwise_initializer}, {@code depthwise_regularizer} and {@code depthwise_constraint};
 * here they are the {@code kernel...} setters and the config keeps Keras's keys.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new DepthwiseConv2D(3).padding("same").inputShape(16, 16, 8),      // (None, 16, 16, 8), 80 params
 *         new DepthwiseConv2D(3).depthMultiplier(2).strides(2),              // (None, 7, 7, 16)
 *         new GlobalAveragePooling2D(),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class DepthwiseConv2D extends KernelLayer<DepthwiseConv2D> {
    private final ConvWindow window;
    private int depthMultiplier = 1;

    /**
     * @param kernelSize the window's height and width, positive ({@link #kernelSize(int...)} sets them apart)
     * @throws IllegalArgumentException if not positive
     */
    public DepthwiseConv2D(int kernelSize) {
        window = new ConvWindow("DepthwiseConv2D", 2, kernelSize);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()} or a Keras config.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static DepthwiseConv2D fromConfig(Config config) {
        DepthwiseConv2D layer = new DepthwiseConv2D(1);
        layer.window.read(config);
        layer.depthMultiplier(config.getInt("depth_multiplier", 1));
        return withKernelSettings(layer, config);
    }

    /**
     * @param sizes the window's taps: one for both axes, or (height, width), each positive
     * @return this layer
     */
    public DepthwiseConv2D kernelSize(int... sizes) {
        window.kernelSize(sizes);
        return this;
    }

    /**
     * @param steps the step between windows (default 1): one for both axes, or (vertical, horizontal)
     * @return this layer
     */
    public DepthwiseConv2D strides(int... steps) {
        window.strides(steps);
        return this;
    }

    /**
     * @param rates the distance between taps (default 1): one for both axes, or one per axis; above 1 only with strides 1
     * @return this layer
     */
    public DepthwiseConv2D dilationRate(int... rates) {
        window.dilationRate(rates);
        return this;
    }

    /**
     * @param name {@code "valid"} (default) or {@code "same"} (TensorFlow's: the odd extra zero at the bottom/right)
     * @return this layer
     */
    public DepthwiseConv2D padding(String name) {
        window.padding(name);
        return this;
    }

    /**
     * @param multiplier the filters per input channel (default 1), positive
     * @return this layer
     * @throws IllegalArgumentException if not positive
     */
    public DepthwiseConv2D depthMultiplier(int multiplier) {
        depthMultiplier = requirePositive("depth_multiplier", multiplier);
        return this;
    }

    @Override
    protected String kernelKey() {
        return "depthwise";
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] sizes = window.outputSizes(this, inputShape);
        return new int[] {sizes[0], sizes[1], inputShape[2] * depthMultiplier};
    }

    @Override
    protected void declareWeights(int[] inputShape, Weights weights) {
        int[] shape = Arrays.copyOf(window.kernelSize(), 4);
        shape[2] = inputShape[2];
        shape[3] = depthMultiplier;
        declareKernelAndBias(weights, shape, inputShape[2] * depthMultiplier);
    }

    @Override
    protected Tensor linear(Tensor x, Tensor kernel, Tensor bias, boolean relu) {
        Tensor y = DepthwiseConv2DOp.apply(x, kernel, bias, window.strides2(), window.dilation2(), window.pads2(x));
        return relu ? y.relu() : y;
    }

    @Override
    public Config getConfig() {
        Config config = super.getConfig().put("depth_multiplier", depthMultiplier);
        return window.put(config);
    }
}
