package ai.lepton.layers;

import ai.lepton.autograd.MaxPool2D;
import ai.lepton.autograd.PaddingRule;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;

/**
 * Max pooling over square windows of channels-last images, each channel on its own (see
 * {@link MaxPool2D} for the formula). Input {@code (batch, h, w, c)}, output
 * {@code (batch, outH, outW, c)} with {@code outH = floor((h - poolSize) / strides) + 1} for
 * {@code valid} padding and {@code ceil(h / strides)} for {@code same}. Strides default to the
 * pool size (windows side by side); smaller strides make windows overlap. No weights.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Conv2D(32, 3, "relu").inputShape(28, 28, 1),   // (None, 26, 26, 32)
 *         new MaxPooling2D(),                                // (None, 13, 13, 32)
 *         new MaxPooling2D(3).strides(2).padding("same"),    // (None, 7, 7, 32)
 *         new Flatten(),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class MaxPooling2D extends Layer {
    private final int poolSize;
    private int strides;
    private String padding = "valid";

    /** A 2x2 pool with stride 2, as Keras's default. */
    public MaxPooling2D() {
        this(2);
    }

    /**
     * @param poolSize the window's height and width, positive; also the default stride
     * @throws IllegalArgumentException if {@code poolSize} is not positive
     */
    public MaxPooling2D(int poolSize) {
        this.poolSize = requirePositive("pool_size", poolSize);
        this.strides = poolSize;
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static MaxPooling2D fromConfig(Config config) {
        MaxPooling2D layer = new MaxPooling2D(Conv2D.square(config, "pool_size"));
        if (config.get("strides") != null) {
            layer.strides(Conv2D.square(config, "strides"));
        }
        return layer.padding(config.getString("padding", "valid"));
    }

    /**
     * @param step the step between windows along both axes (default: the pool size), positive
     * @return this layer
     * @throws IllegalArgumentException if {@code step} is not positive
     */
    public MaxPooling2D strides(int step) {
        strides = requirePositive("strides", step);
        return this;
    }

    /**
     * @param name {@code "valid"} (default: windows inside the input) or {@code "same"} (output {@code ceil(in / strides)})
     * @return this layer
     * @throws IllegalArgumentException for another name
     */
    public MaxPooling2D padding(String name) {
        padding = requirePadding(name);
        return this;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new ShapeException(describe() + ": expected input shape (None, height, width, channels), received "
                    + Shapes.formatBatched(inputShape));
        }
        int outH = PaddingRule.outputSize(inputShape[0], poolSize, strides, padding);
        int outW = PaddingRule.outputSize(inputShape[1], poolSize, strides, padding);
        if (outH < 1 || outW < 1) {
            throw new ShapeException(describe() + ": pool size (" + poolSize + ", " + poolSize
                    + ") is larger than the input " + Shapes.formatBatched(inputShape) + " with padding 'valid'");
        }
        return new int[] {outH, outW, inputShape[2]};
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return MaxPool2D.apply(x, poolSize, strides, padding);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("pool_size", new int[] {poolSize, poolSize}).put("strides", new int[] {strides, strides})
                .put("padding", padding);
    }

    @Override
    public MaxPooling2D inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public MaxPooling2D name(String layerName) {
        super.name(layerName);
        return this;
    }
}
