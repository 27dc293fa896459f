package ai.lepton.layers;

import ai.lepton.autograd.Repeat;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * Repeats each example's feature vector {@code n} times, as Keras's {@code RepeatVector(n)}:
 * {@code (batch, features)} becomes {@code (batch, n, features)}, e.g. to feed one encoding to
 * every step of a decoder. No weights; the gradient of a feature is the sum over its copies.
 *
 * <pre>{@code
 * SymbolicTensor in = Input.shape(32);
 * SymbolicTensor steps = new RepeatVector(3).apply(in);   // (None, 3, 32)
 * }</pre>
 */
public final class RepeatVector extends Layer {
    private final int n;

    /**
     * @param n how many copies, positive
     * @throws IllegalArgumentException if {@code n} is not positive
     */
    public RepeatVector(int n) {
        this.n = requirePositive("n", n);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static RepeatVector fromConfig(Config config) {
        return new RepeatVector(config.getInt("n"));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length != 1) {
            throw new ShapeException(describe() + ": expected input shape (None, features), received "
                    + Shapes.formatBatched(inputShape));
        }
        return new int[] {n, inputShape[0]};
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] s = Storage.shape(x);
        return Repeat.apply(x.reshape(s[0], 1, s[1]), n, 1);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("n", n);
    }

    @Override
    public RepeatVector inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public RepeatVector name(String layerName) {
        super.name(layerName);
        return this;
    }
}
