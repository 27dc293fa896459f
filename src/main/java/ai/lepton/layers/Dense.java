package ai.lepton.layers;

import ai.lepton.autograd.DenseOp;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * A fully connected layer, {@code y = activation(x · kernel + bias)}, applied to the last axis.
 * Kernel {@code (inputDim, units)}, bias {@code (units)}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Dense(64, "relu").inputShape(784),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class Dense extends Layer {
    private final int units;
    private String activation = "linear";
    private UnaryOperator<Tensor> activationFunction = Activations.get("linear");
    private boolean useBias = true;
    private String kernelInitializer = "glorot_uniform";
    private String biasInitializer = "zeros";
    private Tensor kernel;
    private Tensor bias;

    /**
     * @param units the number of outputs, positive
     * @throws IllegalArgumentException if {@code units} is not positive
     */
    public Dense(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense: units must be a positive integer. Received: units=" + units);
        }
        this.units = units;
    }

    /**
     * @param units the number of outputs, positive
     * @param activation an activation name, e.g. {@code "relu"} (see {@link Activations})
     */
    public Dense(int units, String activation) {
        this(units);
        activation(activation);
    }

    /**
     * @param name an activation name (see {@link Activations})
     * @return this layer
     */
    public Dense activation(String name) {
        activationFunction = Activations.get(name);
        activation = name;
        return this;
    }

    /**
     * @param on whether to add a bias (default true)
     * @return this layer
     */
    public Dense useBias(boolean on) {
        useBias = on;
        return this;
    }

    /**
     * @param name an initializer name for the kernel (default {@code glorot_uniform}, see {@link Initializers})
     * @return this layer
     */
    public Dense kernelInitializer(String name) {
        Initializers.get(name);
        kernelInitializer = name;
        return this;
    }

    /**
     * @param name an initializer name for the bias (default {@code zeros}, see {@link Initializers})
     * @return this layer
     */
    public Dense biasInitializer(String name) {
        Initializers.get(name);
        biasInitializer = name;
        return this;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length < 1) {
            throw new ShapeException(describe() + ": expected an input with at least one axis, received "
                    + Shapes.formatBatched(inputShape));
        }
        int[] out = inputShape.clone();
        out[out.length - 1] = units;
        return out;
    }

    @Override
    protected void createWeights(int[] inputShape, SplittableRandom random) {
        int inputDim = inputShape[inputShape.length - 1];
        kernel = addWeight("kernel", new int[] {inputDim, units}, Initializers.get(kernelInitializer), random);
        if (useBias) {
            bias = addWeight("bias", new int[] {units}, Initializers.get(biasInitializer), random);
        }
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        if ("relu".equals(activation)) {
            // Fused: the op rectifies its GEMM output in the pass that adds the bias.
            checkInput(x);
            return DenseOp.apply(x, kernel, bias, true);
        }
        return activationFunction.apply(callBeforeActivation(x, training));
    }

    @Override
    public Tensor callBeforeActivation(Tensor x, boolean training) {
        checkInput(x);
        return DenseOp.apply(x, kernel, bias, false);
    }

    @Override
    public String finalActivation() {
        return activation;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("units", units);
        config.put("activation", activation);
        config.put("use_bias", useBias);
        config.put("kernel_initializer", kernelInitializer);
        config.put("bias_initializer", biasInitializer);
        return config;
    }
}
