package ai.lepton.layers;

import ai.lepton.autograd.Repeat;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;

/**
 * Repeats each step of a sequence {@code size} times, as Keras's {@code UpSampling1D}:
 * {@code (batch, steps, features)} becomes {@code (batch, steps * size, features)}. No weights; the
 * gradient of a step is the sum over its copies.
 *
 * <pre>{@code
 * SymbolicTensor in = Input.shape(5, 8);
 * SymbolicTensor longer = new UpSampling1D(2).apply(in);   // (None, 10, 8)
 * }</pre>
 */
public final class UpSampling1D extends Layer {
    private final int size;

    /** Each step twice, as Keras's default. */
    public UpSampling1D() {
        this(2);
    }

    /**
     * @param size copies of each step, positive
     * @throws IllegalArgumentException if not positive
     */
    public UpSampling1D(int size) {
        this.size = requirePositive("size", size);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static UpSampling1D fromConfig(Config config) {
        return new UpSampling1D(config.getInt("size", 2));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length != 2) {
            throw new ShapeException(describe() + ": expected input shape (None, steps, features), received "
                    + Shapes.formatBatched(inputShape));
        }
        return new int[] {Math.multiplyExact(inputShape[0], size), inputShape[1]};
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return Repeat.apply(x, size, 1);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("size", size);
    }

    @Override
    public UpSampling1D inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public UpSampling1D name(String layerName) {
        super.name(layerName);
        return this;
    }
}
