package ai.lepton.layers;

import ai.lepton.autograd.Conv2DOp;
import ai.lepton.autograd.DepthwiseConv2DOp;
import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The depthwise-separable convolutions {@link SeparableConv1D} and {@link SeparableConv2D}, as
 * Keras's {@code BaseSeparableConv}: a depthwise convolution (each input channel with its own
 * {@code depthMultiplier} filters, see {@link DepthwiseConv2DOp}) and then a pointwise one (a
 * 1×1 convolution mixing the {@code c · depthMultiplier} channels into {@code filters}), then
 * bias and activation: {@code y = activation(pointwise(depthwise(x)) + bias)}. Weights in Keras's
 * order: depthwise_kernel {@code (k..., c, depthMultiplier)}, pointwise_kernel
 * {@code (1..., c · depthMultiplier, filters)}, bias {@code (filters)}. Strides, padding and
 * dilation belong to the depthwise step and are {@link Conv2D}'s.
 *
 * <pre>{@code
 * SeparableConv2D block = new SeparableConv2D(64, 3, "relu").padding("same").depthMultiplier(2);
 * }</pre>
 *
 * @param <T> the concrete layer type
 */
public abstract class BaseSeparableConv<T extends BaseSeparableConv<T>> extends Layer {
    private final ConvWindow window;
    private final int filters;
    private int depthMultiplier = 1;
    private String activation = "linear";
    private UnaryOperator<Tensor> activationFunction = Activations.get("linear");
    private boolean useBias = true;
    private String depthwiseInitializer = "glorot_uniform";
    private String pointwiseInitializer = "glorot_uniform";
    private String biasInitializer = "zeros";
    private Regularizer depthwiseRegularizer;
    private Regularizer pointwiseRegularizer;
    private Regularizer biasRegularizer;
    private Regularizer activityRegularizer;
    private Constraint depthwiseConstraint;
    private Constraint pointwiseConstraint;
    private Constraint biasConstraint;

    /**
     * @param rank the number of spatial axes, 1 or 2
     * @param filters the pointwise step's output channels, positive
     * @param kernelSize the depthwise window's taps along every axis, positive
     */
    BaseSeparableConv(int rank, int filters, int kernelSize) {
        this.filters = requirePositive("filters", filters);
        this.window = new ConvWindow(getClass().getSimpleName(), rank, kernelSize);
    }

    @SuppressWarnings("unchecked") // T is the concrete class by the declaration of every subclass
    private T self() {
        return (T) this;
    }

    /**
     * @param sizes the depthwise window's taps: one for every axis, or one per axis, each positive
     * @return this layer
     */
    public T kernelSize(int... sizes) {
        window.kernelSize(sizes);
        return self();
    }

    /**
     * @param steps the step between windows (default 1): one for every axis, or one per axis
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
     * @param name {@code "valid"} (default), {@code "same"}, or for the 1-D layer {@code "causal"}
     * @return this layer
     */
    public T padding(String name) {
        window.padding(name);
        return self();
    }

    /**
     * @param multiplier the depthwise filters per input channel (default 1), positive
     * @return this layer
     */
    public T depthMultiplier(int multiplier) {
        depthMultiplier = requirePositive("depth_multiplier", multiplier);
        return self();
    }

    /**
     * @param name an activation name (default {@code linear}, see {@link Activations})
     * @return this layer
     */
    public T activation(String name) {
        activationFunction = Activations.get(name);
        activation = name;
        return self();
    }

    /**
     * @param on whether to add a bias (default true)
     * @return this layer
     */
    public T useBias(boolean on) {
        useBias = on;
        return self();
    }

    /**
     * @param depthwise the depthwise kernel's initializer name (default {@code glorot_uniform})
     * @param pointwise the pointwise kernel's initializer name (default {@code glorot_uniform})
     * @return this layer
     */
    public T initializers(String depthwise, String pointwise) {
        Initializers.get(depthwise);
        Initializers.get(pointwise);
        depthwiseInitializer = depthwise;
        pointwiseInitializer = pointwise;
        return self();
    }

    /**
     * @param name the bias's initializer name (default {@code zeros})
     * @return this layer
     */
    public T biasInitializer(String name) {
        Initializers.get(name);
        biasInitializer = name;
        return self();
    }

    /**
     * @param depthwise the depthwise kernel's penalty, or {@code null}
     * @param pointwise the pointwise kernel's penalty, or {@code null}
     * @param bias the bias's penalty, or {@code null}
     * @return this layer
     */
    public T regularizers(Regularizer depthwise, Regularizer pointwise, Regularizer bias) {
        depthwiseRegularizer = depthwise;
        pointwiseRegularizer = pointwise;
        biasRegularizer = bias;
        return self();
    }

    /**
     * @param regularizer the penalty on the output, divided by the batch size, or {@code null}
     * @return this layer
     */
    public T activityRegularizer(Regularizer regularizer) {
        activityRegularizer = regularizer;
        return self();
    }

    /**
     * @param depthwise the depthwise kernel's projection after each step, or {@code null}
     * @param pointwise the pointwise kernel's, or {@code null}
     * @param bias the bias's, or {@code null}
     * @return this layer
     */
    public T constraints(Constraint depthwise, Constraint pointwise, Constraint bias) {
        depthwiseConstraint = depthwise;
        pointwiseConstraint = pointwise;
        biasConstraint = bias;
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

    @Override
    public T trainable(boolean on) {
        super.trainable(on);
        return self();
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int[] sizes = window.outputSizes(this, inputShape);
        int[] out = Arrays.copyOf(sizes, sizes.length + 1);
        out[sizes.length] = filters;
        return out;
    }

    @Override
    protected void declareWeights(int[] inputShape, Weights weights) {
        int rank = window.rank();
        int channels = inputShape[rank];
        int[] depthwise = Arrays.copyOf(window.kernelSize(), rank + 2);
        depthwise[rank] = channels;
        depthwise[rank + 1] = depthMultiplier;
        int[] pointwise = new int[rank + 2];
        Arrays.fill(pointwise, 1);
        pointwise[rank] = channels * depthMultiplier;
        pointwise[rank + 1] = filters;
        weights.add("depthwise_kernel", depthwise, Initializers.get(depthwiseInitializer), depthwiseRegularizer,
                depthwiseConstraint);
        weights.add("pointwise_kernel", pointwise, Initializers.get(pointwiseInitializer), pointwiseRegularizer,
                pointwiseConstraint);
        if (useBias) {
            weights.add("bias", new int[] {filters}, Initializers.get(biasInitializer), biasRegularizer, biasConstraint);
        }
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        Tensor depthwise = DepthwiseConv2DOp.apply(window.toImage(x), window.toImageKernel(weight("depthwise_kernel")), null,
                window.strides2(), window.dilation2(), window.pads2(x));
        int[] ps = weight("pointwise_kernel").shape();
        Tensor pointwise = weight("pointwise_kernel").reshape(1, 1, ps[ps.length - 2], filters);
        boolean relu = "relu".equals(activation);
        Tensor y = Conv2DOp.apply(depthwise, pointwise, useBias ? weight("bias") : null, new int[] {1, 1}, new int[] {1, 1},
                new int[][] {{0, 0}, {0, 0}}, relu);
        Tensor out = window.fromImage(relu ? y : activationFunction.apply(y));
        if (activityRegularizer != null) {
            addLoss(Regularizers.activityPenalty(activityRegularizer, out));
        }
        return out;
    }

    @Override
    public Config getConfig() {
        Config config = super.getConfig().put("depth_multiplier", depthMultiplier).put("filters", filters);
        window.put(config);
        config.put("activation", activation).put("use_bias", useBias).put("depthwise_initializer", depthwiseInitializer)
                .put("pointwise_initializer", pointwiseInitializer).put("bias_initializer", biasInitializer);
        Regularizers.put(config, "depthwise_regularizer", depthwiseRegularizer);
        Regularizers.put(config, "pointwise_regularizer", pointwiseRegularizer);
        Regularizers.put(config, "bias_regularizer", biasRegularizer);
        Regularizers.put(config, "activity_regularizer", activityRegularizer);
        Constraints.put(config, "depthwise_constraint", depthwiseConstraint);
        Constraints.put(config, "pointwise_constraint", pointwiseConstraint);
        Constraints.put(config, "bias_constraint", biasConstraint);
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
    static <L extends BaseSeparableConv<L>> L withSeparableSettings(L layer, Config config) {
        ((BaseSeparableConv<L>) layer).window.read(config);
        return layer.depthMultiplier(config.getInt("depth_multiplier", 1))
                .activation(config.getString("activation", "linear"))
                .useBias(config.getBoolean("use_bias", true))
                .initializers(config.getString("depthwise_initializer", "glorot_uniform"),
                        config.getString("pointwise_initializer", "glorot_uniform"))
                .biasInitializer(config.getString("bias_initializer", "zeros"))
                .regularizers(Regularizers.read(config, "depthwise_regularizer"), Regularizers.read(config, "pointwise_regularizer"),
                        Regularizers.read(config, "bias_regularizer"))
                .activityRegularizer(Regularizers.read(config, "activity_regularizer"))
                .constraints(Constraints.read(config, "depthwise_constraint"), Constraints.read(config, "pointwise_constraint"),
                        Constraints.read(config, "bias_constraint"));
    }
}
