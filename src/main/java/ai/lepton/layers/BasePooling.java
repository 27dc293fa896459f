package ai.lepton.layers;

import ai.lepton.autograd.AvgPool2D;
import ai.lepton.autograd.MaxPool2D;
import ai.lepton.autograd.PaddingRule;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * The settings and computation of the max and average pooling layers, as Keras's
 * {@code BasePooling}: {@code pool_size}, {@code strides} (default: the pool size, windows side
 * by side) and {@code padding}, one value per spatial axis. Each channel is pooled on its own;
 * along each axis the output has {@code floor((in - pool) / strides) + 1} positions for
 * {@code valid} padding and {@code ceil(in / strides)} for {@code same}, whose border windows
 * take only the cells inside the input (padding never wins a max and is not counted in a mean).
 * A sequence {@code (batch, steps, c)} is pooled as a {@code (batch, 1, steps, c)} image. No weights.
 *
 * <pre>{@code
 * MaxPooling2D pool = new MaxPooling2D(3).strides(2).padding("same");
 * AveragePooling2D wide = new AveragePooling2D(2).poolSize(2, 3).strides(1, 2);
 * }</pre>
 *
 * @param <T> the concrete layer type
 */
public abstract class BasePooling<T extends BasePooling<T>> extends Layer {
    private final int rank;
    private final boolean average;
    private int[] poolSize;
    private int[] strides;
    private String padding = "valid";

    /**
     * @param rank the number of spatial axes, 1 or 2
     * @param average whether to average (else take the maximum)
     * @param poolSize the window's size along every axis, positive
     */
    BasePooling(int rank, boolean average, int poolSize) {
        this.rank = rank;
        this.average = average;
        this.poolSize = perAxis("pool_size", new int[] {poolSize});
    }

    private int[] perAxis(String setting, int[] values) {
        if (values.length != 1 && values.length != rank) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + setting
                    + (rank == 1 ? " takes 1 value" : " takes 1 or 2 values") + ". Received: " + setting + "=" + Arrays.toString(values));
        }
        int[] out = new int[rank];
        for (int a = 0; a < rank; a++) {
            out[a] = requirePositive(setting, values[values.length == rank ? a : 0]);
        }
        return out;
    }

    /**
     * @param sizes the window's size: one for every axis, or one per axis (height, width), each positive
     * @return this layer
     * @throws IllegalArgumentException for a wrong count or a size below 1
     */
    public T poolSize(int... sizes) {
        poolSize = perAxis("pool_size", sizes);
        return self();
    }

    /**
     * @param steps the step between windows (default: the pool size): one for every axis, or one per axis, each positive
     * @return this layer
     * @throws IllegalArgumentException for a wrong count or a step below 1
     */
    public T strides(int... steps) {
        strides = perAxis("strides", steps);
        return self();
    }

    /**
     * @param name {@code "valid"} (default: windows inside the input) or {@code "same"} (output {@code ceil(in / strides)})
     * @return this layer
     * @throws IllegalArgumentException for another name
     */
    public T padding(String name) {
        padding = requirePadding(name);
        return self();
    }

    @Override
    public T name(String layerName) {
        super.name(layerName);
        return self();
    }

    @Override
    public T inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return self();
    }

    @SuppressWarnings("unchecked") // T is the concrete class by the declaration of every subclass
    private T self() {
        return (T) this;
    }

    private int[] steps() {
        return strides == null ? poolSize : strides;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length != rank + 1) {
            throw new ShapeException(describe() + ": expected input shape " + (rank == 1 ? "(None, steps, channels)"
                    : "(None, height, width, channels)") + ", received " + Shapes.formatBatched(inputShape));
        }
        int[] out = inputShape.clone();
        for (int a = 0; a < rank; a++) {
            out[a] = PaddingRule.outputSize(inputShape[a], poolSize[a], steps()[a], padding);
            if (out[a] < 1) {
                throw new ShapeException(describe() + ": pool size " + Shapes.format(poolSize)
                        + " is larger than the input " + Shapes.formatBatched(inputShape) + " with padding 'valid'");
            }
        }
        return out;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] xs = x.shape();
        int[] pool = rank == 1 ? new int[] {1, poolSize[0]} : poolSize;
        int[] step = rank == 1 ? new int[] {1, steps()[0]} : steps();
        Tensor image = rank == 1 ? x.reshape(xs[0], 1, xs[1], xs[2]) : x;
        Tensor y = average ? AvgPool2D.apply(image, pool, step, padding) : MaxPool2D.apply(image, pool, step, padding);
        if (rank == 1) {
            int[] ys = y.shape();
            return y.reshape(ys[0], ys[2], ys[3]);
        }
        return y;
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("pool_size", poolSize.clone()).put("padding", padding)
                .put("strides", steps().clone()).put("data_format", "channels_last");
    }

    /**
     * Reads the settings of {@link #getConfig()} or a Keras config into a new layer.
     *
     * @param layer a new layer
     * @param config its saved settings; {@code strides} may be absent or {@code null} (the pool size)
     * @param <L> the layer's type
     * @return {@code layer}
     */
    static <L extends BasePooling<L>> L withPoolingSettings(L layer, Config config) {
        Tuples.requireChannelsLast(config);
        if (config.has("pool_size")) {
            layer.poolSize(config.getInts("pool_size"));
        }
        if (config.get("strides") != null) {
            layer.strides(config.getInts("strides"));
        }
        return layer.padding(config.getString("padding", "valid"));
    }
}
