package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * Permutes the axes of each example, as Keras's {@code Permute(dims)}: {@code dims} numbers the
 * axes from 1 (the batch axis stays first and is not named), and output axis {@code i} is input
 * axis {@code dims[i - 1]}. No weights; the gradient is permuted back.
 *
 * <pre>{@code
 * SymbolicTensor in = Input.shape(10, 64);
 * SymbolicTensor swapped = new Permute(2, 1).apply(in);   // (None, 64, 10)
 * }</pre>
 */
public final class Permute extends Layer {
    private final int[] dims;

    /**
     * @param dims a permutation of {@code 1 .. n}, where n is the rank of one example
     * @throws IllegalArgumentException if it is not such a permutation
     */
    public Permute(int... dims) {
        int[] sorted = dims.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != i + 1) {
                throw new IllegalArgumentException("Permute: the indices in dims must be consecutive and start from 1. Received: dims="
                        + Arrays.toString(dims));
            }
        }
        if (dims.length == 0) {
            throw new IllegalArgumentException("Permute: dims must name at least one axis. Received: dims=[]");
        }
        this.dims = dims.clone();
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static Permute fromConfig(Config config) {
        return new Permute(config.getInts("dims"));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length != dims.length) {
            throw new ShapeException(describe() + ": dims " + Arrays.toString(dims) + " permute " + dims.length
                    + " axes, but the input " + Shapes.formatBatched(inputShape) + " has " + inputShape.length + " besides the batch");
        }
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = inputShape[dims[i] - 1];
        }
        return out;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] perm = new int[dims.length + 1];
        System.arraycopy(dims, 0, perm, 1, dims.length);
        return x.transpose(perm);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("dims", dims.clone());
    }

    @Override
    public Permute inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Permute name(String layerName) {
        super.name(layerName);
        return this;
    }
}
