package ai.lepton.layers;

import ai.lepton.autograd.PaddingRule;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * The window settings every convolution layer shares, one value per spatial axis, in Keras's
 * names: {@code kernel_size}, {@code strides}, {@code dilation_rate} and {@code padding}
 * ({@code valid}, {@code same}, and for 1-D layers {@code causal}); their checks, the output shape
 * (Keras's {@code compute_conv_output_shape}) and the explicit pads of the 2-D ops. A 1-D layer
 * runs on the 2-D ops, its sequence {@code (batch, steps, c)} being a {@code (batch, 1, steps, c)} image.
 */
final class ConvWindow {
    private final String owner;
    private final int rank;
    private int[] kernelSize;
    private int[] strides;
    private int[] dilationRate;
    private String padding = "valid";

    /**
     * @param owner the layer's class name, for messages
     * @param rank the number of spatial axes, 1 or 2
     * @param kernelSize the window's taps along every axis, positive
     */
    ConvWindow(String owner, int rank, int kernelSize) {
        this.owner = owner;
        this.rank = rank;
        this.kernelSize = perAxis("kernel_size", kernelSize);
        this.strides = perAxis("strides", 1);
        this.dilationRate = perAxis("dilation_rate", 1);
    }

    /** One value for every axis, or one per axis, each positive; Keras's {@code standardize_tuple}. */
    private int[] perAxis(String setting, int... values) {
        if (values.length != 1 && values.length != rank) {
            throw new IllegalArgumentException(owner + ": " + setting + (rank == 1 ? " takes 1 value" : " takes 1 or 2 values")
                    + ". Received: " + setting + "=" + Arrays.toString(values));
        }
        int[] out = new int[rank];
        for (int a = 0; a < rank; a++) {
            out[a] = values[values.length == rank ? a : 0];
            if (out[a] <= 0) {
                throw new IllegalArgumentException(owner + ": " + setting + " must be a positive integer. Received: " + setting
                        + "=" + out[a]);
            }
        }
        return out;
    }

    void kernelSize(int... sizes) {
        kernelSize = perAxis("kernel_size", sizes);
    }

    void strides(int... steps) {
        strides = perAxis("strides", steps);
    }

    void dilationRate(int... rates) {
        dilationRate = perAxis("dilation_rate", rates);
    }

    void padding(String name) {
        boolean causal = rank == 1 && "causal".equals(name);
        if (!causal && !"valid".equals(name) && !"same".equals(name)) {
            throw new IllegalArgumentException(owner + ": padding must be 'valid' or 'same'" + (rank == 1 ? " or 'causal'" : "")
                    + ". Received: padding=" + name);
        }
        padding = name;
    }

    int rank() {
        return rank;
    }

    /** @return the step along one axis */
    int stride(int axis) {
        return strides[axis];
    }

    /** @return the distance between taps along one axis */
    int dilation(int axis) {
        return dilationRate[axis];
    }

    /** @return the padding's name */
    String paddingName() {
        return padding;
    }

    /** @return the kernel's spatial dimensions, a copy */
    int[] kernelSize() {
        return kernelSize.clone();
    }

    /**
     * The output's spatial sizes, checking the rank and Keras's rule against strides with dilation.
     *
     * @param layer the layer, for messages
     * @param inputShape the per-example input shape, channels last
     * @return one size per spatial axis
     * @throws ShapeException for a wrong rank or a window larger than the padded input
     */
    int[] outputSizes(Layer layer, int[] inputShape) {
        checkInput(layer, inputShape);
        int[] out = new int[rank];
        for (int a = 0; a < rank; a++) {
            out[a] = PaddingRule.outputSize(inputShape[a], kernelSize[a], strides[a], dilationRate[a], pads(inputShape, a));
            if (out[a] < 1) {
                throw new ShapeException(layer.describe() + ": kernel size " + Shapes.format(kernelSize) + " with dilation_rate "
                        + Shapes.format(dilationRate) + " is larger than the input " + Shapes.formatBatched(inputShape)
                        + " with padding '" + padding + "'");
            }
        }
        return out;
    }

    /**
     * Checks the input's rank and Keras's rule against strides with dilation.
     *
     * @param layer the layer, for messages
     * @param inputShape the per-example input shape, channels last
     * @throws ShapeException for a wrong rank
     * @throws IllegalArgumentException for strides above 1 with dilation above 1
     */
    void checkInput(Layer layer, int[] inputShape) {
        if (inputShape.length != rank + 1) {
            throw new ShapeException(layer.describe() + ": expected input shape " + (rank == 1 ? "(None, steps, channels)"
                    : "(None, height, width, channels)") + ", received " + Shapes.formatBatched(inputShape));
        }
        if (Arrays.stream(strides).max().orElse(1) > 1 && Arrays.stream(dilationRate).max().orElse(1) > 1) {
            throw new IllegalArgumentException(layer.describe() + ": strides > 1 not supported in conjunction with "
                    + "dilation_rate > 1. Received: strides=" + Arrays.toString(strides) + " and dilation_rate="
                    + Arrays.toString(dilationRate));
        }
    }

    private int[] pads(int[] inputShape, int axis) {
        return PaddingRule.pads(padding, inputShape[axis], kernelSize[axis], strides[axis], dilationRate[axis]);
    }

    /** @return the 2-D ops' strides: {@code {1, s}} for a sequence */
    int[] strides2() {
        return rank == 1 ? new int[] {1, strides[0]} : strides.clone();
    }

    /** @return the 2-D ops' dilations: {@code {1, d}} for a sequence */
    int[] dilation2() {
        return rank == 1 ? new int[] {1, dilationRate[0]} : dilationRate.clone();
    }

    /**
     * @param x a batch of the layer's input
     * @return the 2-D ops' pads {@code {{top, bottom}, {left, right}}} for it
     */
    int[][] pads2(Tensor x) {
        int[] xs = x.shape();
        int[] inputShape = Arrays.copyOfRange(xs, 1, xs.length);
        return rank == 1 ? new int[][] {{0, 0}, pads(inputShape, 0)} : new int[][] {pads(inputShape, 0), pads(inputShape, 1)};
    }

    /** @return x as an image batch: a sequence {@code (b, L, c)} becomes {@code (b, 1, L, c)} */
    Tensor toImage(Tensor x) {
        int[] xs = x.shape();
        return rank == 1 ? x.reshape(xs[0], 1, xs[1], xs[2]) : x;
    }

    /** @return a kernel {@code (k, ...)} of a sequence as {@code (1, k, ...)}; a 2-D kernel as it is */
    Tensor toImageKernel(Tensor kernel) {
        int[] ks = kernel.shape();
        return rank == 1 ? kernel.reshape(1, ks[0], ks[1], ks[2]) : kernel;
    }

    /** @return the 2-D ops' output in the layer's rank */
    Tensor fromImage(Tensor y) {
        int[] ys = y.shape();
        return rank == 1 ? y.reshape(ys[0], ys[2], ys[3]) : y;
    }

    /** Writes kernel_size, strides, padding, data_format and dilation_rate, in Keras's order. */
    Config put(Config config) {
        return config.put("kernel_size", kernelSize.clone()).put("strides", strides.clone()).put("padding", padding)
                .put("data_format", "channels_last").put("dilation_rate", dilationRate.clone());
    }

    /** Reads what {@link #put} writes (or Keras wrote: single numbers, missing defaults). */
    void read(Config config) {
        Tuples.requireChannelsLast(config);
        kernelSize(config.getInts("kernel_size"));
        if (config.has("strides")) {
            strides(config.getInts("strides"));
        }
        if (config.has("dilation_rate")) {
            dilationRate(config.getInts("dilation_rate"));
        }
        padding(config.getString("padding", "valid"));
    }
}
