package ai.lepton.layers;

import ai.lepton.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;
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
    private Tensor kernel;
    private Tensor bias;

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

    @SuppressWarnings("unchecked") // T is the concrete class by the declaration of every subclass
    private T self() {
        return (T) this;
    }

    /**
     * Makes the kernel and, when used, the bias, whose length is the kernel's last dimension.
     *
     * @param kernelShape the kernel's dimensions, outputs last
     * @param random the layer's seeded random source
     */
    protected final void createKernelAndBias(int[] kernelShape, SplittableRandom random) {
        kernel = addWeight("kernel", kernelShape, Initializers.get(kernelInitializer), random);
        if (useBias) {
            bias = addWeight("bias", new int[] {kernelShape[kernelShape.length - 1]}, Initializers.get(biasInitializer),
                    random);
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
        checkInput(x);
        if ("relu".equals(activation)) {
            return linear(x, kernel, bias, true);
        }
        return activationFunction.apply(linear(x, kernel, bias, false));
    }

    @Override
    public final Tensor callBeforeActivation(Tensor x, boolean training) {
        checkInput(x);
        return linear(x, kernel, bias, false);
    }

    @Override
    public final String finalActivation() {
        return activation;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("activation", activation);
        config.put("use_bias", useBias);
        config.put("kernel_initializer", kernelInitializer);
        config.put("bias_initializer", biasInitializer);
        return config;
    }
}
