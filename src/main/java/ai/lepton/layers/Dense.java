package ai.lepton.layers;

import ai.lepton.autograd.DenseOp;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;

/**
 * A fully connected layer, {@code y = activation(x · kernel + bias)}, applied to the last axis:
 * an input {@code (batch, ..., inputDim)}, e.g. a sequence {@code (batch, steps, features)}, gives
 * {@code (batch, ..., units)}. Kernel {@code (inputDim, units)}, bias {@code (units)}. The shared settings (activation,
 * bias, initializers) are {@link KernelLayer}'s.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Dense(64, "relu").inputShape(784),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class Dense extends KernelLayer<Dense> {
    private final int units;

    /**
     * @param units the number of outputs, positive
     * @throws IllegalArgumentException if {@code units} is not positive
     */
    public Dense(int units) {
        this.units = requirePositive("units", units);
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
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static Dense fromConfig(Config config) {
        return withKernelSettings(new Dense(config.getInt("units")), config);
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
    protected void declareWeights(int[] inputShape, Weights weights) {
        declareKernelAndBias(weights, new int[] {inputShape[inputShape.length - 1], units});
    }

    /** Masks pass through unchanged, as Keras's {@code supports_masking = True}. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    protected Tensor linear(Tensor x, Tensor kernel, Tensor bias, boolean relu) {
        return DenseOp.apply(x, kernel, bias, relu);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("units", units);
    }
}
