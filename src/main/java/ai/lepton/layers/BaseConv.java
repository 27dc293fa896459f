package ai.lepton.layers;

import ai.lepton.autograd.Concat;
import ai.lepton.autograd.Conv2DOp;
import ai.lepton.autograd.Narrow;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The settings and computation {@link Conv1D} and {@link Conv2D} share, as Keras's
 * {@code BaseConv}: {@code filters}, {@code kernel_size}, {@code strides}, {@code padding},
 * {@code dilation_rate} and {@code groups}, one value per spatial axis. Along each axis, with
 * span {@code d (k - 1) + 1}, the output has {@code floor((in - span) / s) + 1} positions for
 * {@code valid} padding and {@code ceil(in / s)} for {@code same} and {@code causal}
 * (TensorFlow's padding: the odd extra zero goes to the bottom/right; causal puts
 * {@code span - 1} zeros before the input only). With {@code groups = g} the input channels and
 * the filters are cut into {@code g} consecutive blocks and block {@code i} of the filters sees
 * only block {@code i} of the channels; the kernel is {@code kernel_size + (in / g, filters)}.
 *
 * <p>Every rank runs on the 2-D kernels ({@link Conv2DOp}): a sequence {@code (batch, L, c)} is a
 * {@code (batch, 1, L, c)} image.
 *
 * <pre>{@code
 * Conv2D conv = new Conv2D(64, 3).kernelSize(3, 5).strides(2, 1).padding("same").groups(4);
 * Conv1D causal = new Conv1D(32, 3).padding("causal").dilationRate(2);
 * }</pre>
 *
 * @param <T> the concrete layer type
 */
public abstract class BaseConv<T extends BaseConv<T>> extends KernelLayer<T> {
    private final ConvWindow window;
    private final int filters;
    private int groups = 1;

    /**
     * @param rank the number of spatial axes, 1 or 2
     * @param filters the number of output channels, positive
     * @param kernelSize the window's taps along every axis, positive
     * @throws IllegalArgumentException if a size is not positive
     */
    BaseConv(int rank, int filters, int kernelSize) {
        this.filters = requirePositive("filters", filters);
        this.window = new ConvWindow(getClass().getSimpleName(), rank, kernelSize);
    }

    /**
     * @param sizes the window's taps: one for every axis, or one per axis (height, width), each positive
     * @return this layer
     * @throws IllegalArgumentException for a wrong count or a size below 1
     */
    public T kernelSize(int... sizes) {
        window.kernelSize(sizes);
        return self();
    }

    /**
     * @param steps the step between windows (default 1): one for every axis, or one per axis, each positive
     * @return this layer
     * @throws IllegalArgumentException for a wrong count or a step below 1
     */
    public T strides(int... steps) {
        window.strides(steps);
        return self();
    }

    /**
     * @param rates the distance between the window's taps (default 1, no dilation): one for every
     *        axis, or one per axis, each positive; above 1 only with strides 1, as in Keras
     * @return this layer
     * @throws IllegalArgumentException for a wrong count or a rate below 1
     */
    public T dilationRate(int... rates) {
        window.dilationRate(rates);
        return self();
    }

    /**
     * @param name {@code "valid"} (default: no padding), {@code "same"} (zeros so that the output
     *        is {@code ceil(in / strides)}), or for 1-D layers {@code "causal"}
     * @return this layer
     * @throws IllegalArgumentException for another name
     */
    public T padding(String name) {
        window.padding(name);
        return self();
    }

    /**
     * @param count the number of groups (default 1), which must divide the filters and, at build, the input channels
     * @return this layer
     * @throws IllegalArgumentException if {@code count} is not positive or does not divide the filters
     */
    public T groups(int count) {
        requirePositive("groups", count);
        if (filters % count != 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the number of filters must be evenly "
                    + "divisible by the number of groups. Received: groups=" + count + ", filters=" + filters);
        }
        groups = count;
        return self();
    }

    @SuppressWarnings("unchecked") // T is the concrete class by the declaration of every subclass
    private T self() {
        return (T) this;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] sizes = window.outputSizes(this, inputShape);
        int channels = inputShape[window.rank()];
        if (channels % groups != 0) {
            throw new ShapeException(describe() + ": the number of input channels must be evenly divisible by the number "
                    + "of groups. Received groups=" + groups + ", but the input has " + channels + " channels (input shape "
                    + Shapes.formatBatched(inputShape) + ")");
        }
        int[] out = Arrays.copyOf(sizes, sizes.length + 1);
        out[sizes.length] = filters;
        return out;
    }

    @Override
    protected void declareWeights(int[] inputShape, Weights weights) {
        int rank = window.rank();
        int[] shape = Arrays.copyOf(window.kernelSize(), rank + 2);
        shape[rank] = inputShape[rank] / groups;
        shape[rank + 1] = filters;
        declareKernelAndBias(weights, shape);
    }

    @Override
    protected Tensor linear(Tensor x, Tensor kernel, Tensor bias, boolean relu) {
        Tensor image = window.toImage(x);
        Tensor kernel2 = window.toImageKernel(kernel);
        int[] s2 = window.strides2();
        int[] d2 = window.dilation2();
        int[][] pads = window.pads2(x);
        Tensor y = groups == 1 ? Conv2DOp.apply(image, kernel2, bias, s2, d2, pads, relu)
                : grouped(image, kernel2, bias, s2, d2, pads, relu);
        return window.fromImage(y);
    }

    /** One convolution per block of channels and filters, the outputs side by side. */
    private Tensor grouped(Tensor x, Tensor kernel, Tensor bias, int[] s2, int[] d2, int[][] pads, boolean relu) {
        int in = kernel.shape()[2];
        int out = filters / groups;
        List<Tensor> parts = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            Tensor b = bias == null ? null : Narrow.apply(bias, 0, g * out, out);
            parts.add(Conv2DOp.apply(Narrow.apply(x, 3, g * in, in), Narrow.apply(kernel, 3, g * out, out), b, s2, d2,
                    pads, relu));
        }
        return Concat.apply(parts, 3);
    }

    @Override
    public Config getConfig() {
        Config config = super.getConfig().put("filters", filters);
        return window.put(config).put("groups", groups);
    }

    /**
     * Reads the settings of {@link #getConfig()} into a new layer, for the factories of subclasses.
     *
     * @param layer a new layer with its filters
     * @param config its saved settings
     * @param <L> the layer's type
     * @return {@code layer}
     */
    static <L extends BaseConv<L>> L withConvSettings(L layer, Config config) {
        ((BaseConv<L>) layer).window.read(config);
        layer.groups(config.getInt("groups", 1));
        return withKernelSettings(layer, config);
    }
}
