package ai.lepton.layers;

import ai.lepton.autograd.Conv2DTransposeOp;
import ai.lepton.config.Config;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * The transposed convolutions {@link Conv1DTranspose} and {@link Conv2DTranspose}, as Keras's
 * {@code BaseConvTranspose}: the input gradient of a convolution, run forward, which grows an
 * image where a strided convolution shrinks one (see {@link Conv2DTransposeOp}). Kernel
 * {@code (k..., filters, inChannels)} (Keras's layout), bias {@code (filters)}. Along each axis,
 * with span {@code d (k - 1) + 1} and Keras's {@code compute_conv_transpose_output_shape}:
 * <ul>
 *   <li>{@code valid}: {@code out = (in - 1) s + span + op}, with {@code op = max(span, s) - span}
 *       when {@code outputPadding} is not given;</li>
 *   <li>{@code same}: {@code out = in · s} without {@code outputPadding}, else
 *       {@code (in - 1) s + span % 2 + op};</li>
 * </ul>
 * and TensorFlow's placement: output cell {@code o} is cell {@code o + before} of the direct
 * convolution's padded input, {@code before = floor(max((in - 1) s + span - out, 0) / 2)} for
 * {@code same} and 0 for {@code valid}.
 *
 * <pre>{@code
 * Conv2DTranspose up = new Conv2DTranspose(16, 3).strides(2).padding("same");   // (None, 7, 7, c) -> (None, 14, 14, 16)
 * }</pre>
 *
 * @param <T> the concrete layer type
 */
public abstract class BaseConvTranspose<T extends BaseConvTranspose<T>> extends KernelLayer<T> {
    private final ConvWindow window;
    private final int filters;
    private int[] outputPadding;

    /**
     * @param rank the number of spatial axes, 1 or 2
     * @param filters the number of output channels, positive
     * @param kernelSize the window's taps along every axis, positive
     */
    BaseConvTranspose(int rank, int filters, int kernelSize) {
        this.filters = requirePositive("filters", filters);
        this.window = new ConvWindow(getClass().getSimpleName(), rank, kernelSize);
    }

    @SuppressWarnings("unchecked") // T is the concrete class by the declaration of every subclass
    private T self() {
        return (T) this;
    }

    /** Keras's name, {@code conv2d_transpose}: its snake case puts no underscore after the digit's {@code D}. */
    @Override
    public String baseName() {
        return "conv" + window.rank() + "d_transpose";
    }

    /**
     * @param sizes the window's taps: one for every axis, or one per axis, each positive
     * @return this layer
     */
    public T kernelSize(int... sizes) {
        window.kernelSize(sizes);
        return self();
    }

    /**
     * @param steps the growth factor (default 1): one for every axis, or one per axis, each positive
     * @return this layer
     */
    public T strides(int... steps) {
        window.strides(steps);
        return self();
    }

    /**
     * @param rates the distance between taps (default 1): one for every axis, or one per axis; above 1 only with strides 1
     * @return this layer
     */
    public T dilationRate(int... rates) {
        window.dilationRate(rates);
        return self();
    }

    /**
     * @param name {@code "valid"} (default) or {@code "same"}
     * @return this layer
     * @throws IllegalArgumentException for another name
     */
    public T padding(String name) {
        if ("causal".equals(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": padding must be 'valid' or 'same'. Received: "
                    + "padding=" + name);
        }
        window.padding(name);
        return self();
    }

    /**
     * @param extra the cells added after the output (Keras's {@code output_padding}): one for
     *        every axis or one per axis, each at least 0 and below the stride (checked at build);
     *        none (the default) lets the padding rule choose
     * @return this layer
     * @throws IllegalArgumentException for a wrong count or a negative value
     */
    public T outputPadding(int... extra) {
        int rank = window.rank();
        if (extra.length != 1 && extra.length != rank) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": output_padding takes "
                    + (rank == 1 ? "1 value" : "1 or 2 values") + ". Received: output_padding=" + Arrays.toString(extra));
        }
        int[] values = new int[rank];
        for (int a = 0; a < rank; a++) {
            values[a] = extra[extra.length == rank ? a : 0];
            if (values[a] < 0) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": output_padding must be at least 0. Received: "
                        + "output_padding=" + Arrays.toString(extra));
            }
        }
        outputPadding = values;
        return self();
    }

    /** The output length along one axis: Keras's {@code _get_output_shape_given_tf_padding}. */
    private int outputLength(int in, int axis) {
        int s = window.stride(axis);
        int span = window.dilation(axis) * (window.kernelSize()[axis] - 1) + 1;
        if ("valid".equals(window.paddingName())) {
            int op = outputPadding == null ? Math.max(span, s) - span : outputPadding[axis];
            return (in - 1) * s + span + op;
        }
        return outputPadding == null ? in * s : (in - 1) * s + span % 2 + outputPadding[axis];
    }

    /** The zeros before the output in the direct convolution's view along one axis. */
    private int before(int in, int out, int axis) {
        if ("valid".equals(window.paddingName())) {
            return 0;
        }
        int span = window.dilation(axis) * (window.kernelSize()[axis] - 1) + 1;
        return Math.max((in - 1) * window.stride(axis) + span - out, 0) / 2;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int rank = window.rank();
        window.checkInput(this, inputShape);
        int[] out = new int[rank + 1];
        for (int a = 0; a < rank; a++) {
            if (outputPadding != null && outputPadding[a] >= window.stride(a)) {
                throw new IllegalArgumentException(describe() + ": output_padding must be strictly less than strides for all "
                        + "dimensions. Received: output_padding=" + Arrays.toString(outputPadding) + ", strides at axis " + a
                        + " = " + window.stride(a));
            }
            out[a] = outputLength(inputShape[a], a);
            if (out[a] < 1) {
                throw new IllegalArgumentException(describe() + ": the output would have length " + out[a] + " along axis "
                        + a + " for the input " + Shapes.formatBatched(inputShape));
            }
        }
        out[rank] = filters;
        return out;
    }

    @Override
    protected void declareWeights(int[] inputShape, Weights weights) {
        int rank = window.rank();
        int[] shape = Arrays.copyOf(window.kernelSize(), rank + 2);
        shape[rank] = filters;
        shape[rank + 1] = inputShape[rank];
        declareKernelAndBias(weights, shape, filters);
    }

    @Override
    protected Tensor linear(Tensor x, Tensor kernel, Tensor bias, boolean relu) {
        int rank = window.rank();
        int[] xs = x.shape();
        int[] outSize = new int[2];
        int[] before = new int[2];
        outSize[0] = 1;
        for (int a = 0; a < rank; a++) {
            int at = rank == 1 ? 1 : a;
            outSize[at] = outputLength(xs[a + 1], a);
            before[at] = before(xs[a + 1], outSize[at], a);
        }
        Tensor y = Conv2DTransposeOp.apply(window.toImage(x), window.toImageKernel(kernel), window.strides2(),
                window.dilation2(), outSize, before);
        if (bias != null) {
            y = y.add(bias);
        }
        return window.fromImage(relu ? y.relu() : y);
    }

    @Override
    public Config getConfig() {
        Config config = super.getConfig().put("filters", filters);
        window.put(config);
        config.put("output_padding", outputPadding == null ? null : outputPadding.clone());
        return config;
    }

    /**
     * Reads the settings of {@link #getConfig()} or a Keras config into a new layer.
     *
     * @param layer a new layer with its filters
     * @param config its saved settings
     * @param <L> the layer's type
     * @return {@code layer}
     */
    static <L extends BaseConvTranspose<L>> L withTransposeSettings(L layer, Config config) {
        ((BaseConvTranspose<L>) layer).window.read(config);
        if (config.get("output_padding") != null) {
            layer.outputPadding(config.getInts("output_padding"));
        }
        return withKernelSettings(layer, config);
    }
}
