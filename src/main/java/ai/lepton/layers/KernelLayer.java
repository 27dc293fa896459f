package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * The base of the layers that combine their input with a learned kernel, add a bias and apply an
 * activation, {@code y = activation(x ⋆ kernel + bias)}: {@link Dense}, the convolutions and
 * {@link DepthwiseConv2D}. It
 * holds the settings they share, in Keras's names, and the fused path for {@code relu}: the
 * initializers, the weight penalties added to the loss ({@code kernelRegularizer},
 * {@code biasRegularizer}), the penalty on the output ({@code activityRegularizer}, divided by the
 * batch size as Keras does) and the projections after each optimizer step
 * ({@code kernelConstraint}, {@code biasConstraint}).
 *
 * <p>The type parameter is the concrete layer, so that the shared fluent settings return it:
 * {@code new Dense(10).useBias(false).activation("relu")} is a {@code Dense}.
 *
 * <pre>{@code
 * Dense dense = new Dense(64).activation("relu").kernelInitializer("he_normal").useBias(false);
 * Dense penalized = new Dense(64).kernelRegularizer(new L2(1e-4)).kernelConstraint(new MaxNorm(3.0));
 * }</pre>
 *
 * @param <T> the concrete layer type
 */
public abstract class KernelLayer<T extends KernelLayer<T>> extends Layer {
    private String activation = "linear";
    private UnaryOperator<Tensor> activationFunction = Activations.get("linear");
    private boolean useBias = true;
    private String kernelInitializer = "glorot_uniform";
    private String biasInitializer = "zeros";
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Regularizer activityRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;

    /** For subclasses. */
    protected KernelLayer() {
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
     * @param name an initializer name for the kernel (default {@code glorot_uniform}, see {@link Initializers})
     * @return this layer
     */
    public T kernelInitializer(String name) {
        Initializers.get(name);
        kernelInitializer = name;
        return self();
    }

    /**
     * @param name an initializer name for the bias (default {@code zeros}, see {@link Initializers})
     * @return this layer
     */
    public T biasInitializer(String name) {
        Initializers.get(name);
        biasInitializer = name;
        return self();
    }

    /**
     * @param regularizer the kernel's penalty in the loss (Keras's {@code kernel_regularizer}), or {@code null} for none
     * @return this layer
     */
    public T kernelRegularizer(Regularizer regularizer) {
        kernelRegularizer = regularizer;
        return self();
    }

    /**
     * @param name a regularizer's name with its defaults, e.g. {@code "l2"} (see {@link Regularizers})
     * @return this layer
     */
    public T kernelRegularizer(String name) {
        return kernelRegularizer(Regularizers.get(name));
    }

    /**
     * @param regularizer the bias's penalty in the loss (Keras's {@code bias_regularizer}), or {@code null} for none
     * @return this layer
     */
    public T biasRegularizer(Regularizer regularizer) {
        biasRegularizer = regularizer;
        return self();
    }

    /**
     * @param name a regularizer's name with its defaults, e.g. {@code "l2"} (see {@link Regularizers})
     * @return this layer
     */
    public T biasRegularizer(String name) {
        return biasRegularizer(Regularizers.get(name));
    }

    /**
     * @param regularizer the penalty on the layer's output (Keras's {@code activity_regularizer}),
     *        divided by the batch size, or {@code null} for none
     * @return this layer
     */
    public T activityRegularizer(Regularizer regularizer) {
        activityRegularizer = regularizer;
        return self();
    }

    /**
     * @param name a regularizer's name with its defaults, e.g. {@code "l1"} (see {@link Regularizers})
     * @return this layer
     */
    public T activityRegularizer(String name) {
        return activityRegularizer(Regularizers.get(name));
    }

    /**
     * @param constraint the kernel's projection after each optimizer step (Keras's {@code kernel_constraint}), or {@code null}
     * @return this layer
     */
    public T kernelConstraint(Constraint constraint) {
        kernelConstraint = constraint;
        return self();
    }

    /**
     * @param name a constraint's name with its defaults, e.g. {@code "max_norm"} (see {@link Constraints})
     * @return this layer
     */
    public T kernelConstraint(String name) {
        return kernelConstraint(Constraints.get(name));
    }

    /**
     * @param constraint the bias's projection after each optimizer step (Keras's {@code bias_constraint}), or {@code null}
     * @return this layer
     */
    public T biasConstraint(Constraint constraint) {
        biasConstraint = constraint;
        return self();
    }

    /**
     * @param name a constraint's name with its defaults, e.g. {@code "non_neg"} (see {@link Constraints})
     * @return this layer
     */
    public T biasConstraint(String name) {
        return biasConstraint(Constraints.get(name));
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

    @SuppressWarnings("unchecked") // T is the concrete class by the declaration of every subclass
    private T self() {
        return (T) this;
    }

    /**
     * Declares the kernel and, when used, the bias, whose length is the kernel's last dimension,
     * with their initializers, regularizers and constraints.
     *
     * @param weights where to declare them
     * @param kernelShape the kernel's dimensions, outputs last
     */
    protected final void declareKernelAndBias(Weights weights, int[] kernelShape) {
        declareKernelAndBias(weights, kernelShape, kernelShape[kernelShape.length - 1]);
    }

    /**
     * Declares the kernel and, when used, a bias of the given length, with their initializers,
     * regularizers and constraints.
     *
     * @param weights where to declare them
     * @param kernelShape the kernel's dimensions
     * @param outputs the bias's length
     */
    protected final void declareKernelAndBias(Weights weights, int[] kernelShape, int outputs) {
        weights.add("kernel", kernelShape, Initializers.get(kernelInitializer), kernelRegularizer, kernelConstraint);
        if (useBias) {
            weights.add("bias", new int[] {outputs}, Initializers.get(biasInitializer), biasRegularizer, biasConstraint);
        }
    }

    /**
     * The layer's linear part, {@code x ⋆ kernel + bias}, rectified in the same pass when asked.
     *
     * @param x a batch of the built input shape
     * @param kernel the live kernel
     * @param bias the live bias, or {@code null} without one
     * @param relu whether to apply {@code max(z, 0)} in the same pass
     * @return the output before any other activation
     */
    protected abstract Tensor linear(Tensor x, Tensor kernel, Tensor bias, boolean relu);

    @Override
    public final Tensor call(Tensor x, boolean training) {
        Tensor bias = useBias ? weight("bias") : null;
        Tensor out = "relu".equals(activation) ? linear(x, weight("kernel"), bias, true)
                : activationFunction.apply(linear(x, weight("kernel"), bias, false));
        if (activityRegularizer != null) {
            addLoss(Regularizers.activityPenalty(activityRegularizer, out));
        }
        return out;
    }

    /**
     * The kernel's name in the config keys of its initializer, regularizer and constraint:
     * {@code kernel} ({@code kernel_initializer}, ...), or Keras's other name for a layer's kernel,
     * as {@code depthwise} for {@link DepthwiseConv2D}.
     *
     * @return {@code "kernel"} unless a subclass says otherwise
     */
    protected String kernelKey() {
        return "kernel";
    }

    @Override
    public Config getConfig() {
        Config config = super.getConfig();
        String k = kernelKey();
        config.put("activation", activation);
        config.put("use_bias", useBias);
        config.put(k + "_initializer", kernelInitializer);
        config.put("bias_initializer", biasInitializer);
        Regularizers.put(config, k + "_regularizer", kernelRegularizer);
        Regularizers.put(config, "bias_regularizer", biasRegularizer);
        Regularizers.put(config, "activity_regularizer", activityRegularizer);
        Constraints.put(config, k + "_constraint", kernelConstraint);
        Constraints.put(config, "bias_constraint", biasConstraint);
        return config;
    }

    /**
     * Reads the shared settings of {@link #getConfig()} into a new layer, for the factories of subclasses.
     *
     * @param layer a new layer
     * @param config its saved settings
     * @param <L> the layer's type
     * @return {@code layer}
     */
    protected static <L extends KernelLayer<L>> L withKernelSettings(L layer, Config config) {
        String k = layer.kernelKey();
        return layer.activation(config.getString("activation", "linear"))
                .useBias(config.getBoolean("use_bias", true))
                .kernelInitializer(config.getString(k + "_initializer", "glorot_uniform"))
                .biasInitializer(config.getString("bias_initializer", "zeros"))
                .kernelRegularizer(Regularizers.read(config, k + "_regularizer"))
                .biasRegularizer(Regularizers.read(config, "bias_regularizer"))
                .activityRegularizer(Regularizers.read(config, "activity_regularizer"))
                .kernelConstraint(Constraints.read(config, k + "_constraint"))
                .biasConstraint(Constraints.read(config, "bias_constraint"));
    }
}
