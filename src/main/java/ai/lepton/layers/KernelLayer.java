package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * The base of the layers that combine their input with a learned kernel, add a bias and apply an
 * activation, {@code y = activation(x ⋆ kernel + bias)}: {@link Dense} and {@link Conv2D}. It
 * holds the settings they share, in Keras's names, and the fused path for {@code relu}.
 *
 * <p>The type parameter is the concrete layer, so that the shared fluent settings return it:
 * {@code new Dense(10).useBias(false).activation("relu")} is a {@code Dense}.
 *
 * <pre>{@code
 * Dense dense = new Dense(64).activation("relu").kernelInitializer("he_normal").useBias(false);
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
     * Declares the kernel and, when used, the bias, whose length is the kernel's last dimension.
     *
     * @param weights where to declare them
     * @param kernelShape the kernel's dimensions, outputs last
     */
    protected final void declareKernelAndBias(Weights weights, int[] kernelShape) {
        weights.add("kernel", kernelShape, Initializers.get(kernelInitializer));
        if (useBias) {
            weights.add("bias", new int[] {kernelShape[kernelShape.length - 1]}, Initializers.get(biasInitializer));
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
        if ("relu".equals(activation)) {
            return linear(x, weight("kernel"), bias, true);
        }
        return activationFunction.apply(linear(x, weight("kernel"), bias, false));
    }

    @Override
    public Config getConfig() {
        Config config = super.getConfig();
        config.put("activation", activation);
        config.put("use_bias", useBias);
        config.put("kernel_initializer", kernelInitializer);
        config.put("bias_initializer", biasInitializer);
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
        return layer.activation(config.getString("activation", "linear"))
                .useBias(config.getBoolean("use_bias", true))
                .kernelInitializer(config.getString("kernel_initializer", "glorot_uniform"))
                .biasInitializer(config.getString("bias_initializer", "zeros"));
    }
}
