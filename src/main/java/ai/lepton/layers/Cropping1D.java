package ai.lepton.layers;

import ai.lepton.autograd.Crop;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * Removes steps at the start and end of each sequence, as Keras's {@code Cropping1D}:
 * {@code (batch, steps, features)} becomes {@code (batch, steps - start - end, features)}. No
 * weights; the gradient of a removed step is zero.
 *
 * <pre>{@code
 * SymbolicTensor in = Input.shape(10, 8);
 * SymbolicTensor middle = new Cropping1D(2, 3).apply(in);   // (None, 5, 8)
 * }</pre>
 */
public final class Cropping1D extends Layer {
    private final int start;
    private final int end;

    /** One step off each end, as Keras's default. */
    public Cropping1D() {
        this(1);
    }

    /**
     * @param cropping steps removed at each end, not negative
     * @throws IllegalArgumentException if negative
     */
    public Cropping1D(int cropping) {
        this(cropping, cropping);
    }

    /**
     * @param start steps removed at the start, not negative
     * @param end steps removed at the end, not negative
     * @throws IllegalArgumentException if one is negative
     */
    public Cropping1D(int start, int end) {
        Tuples.requireNonNegative("Cropping1D", "cropping", start, end);
        this.start = start;
        this.end = end;
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static Cropping1D fromConfig(Config config) {
        int[] c = Tuples.pair(config, "cropping");
        return new Cropping1D(c[0], c[1]);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length != 2) {
            throw new ShapeException(describe() + ": expected input shape (None, steps, features), received "
                    + Shapes.formatBatched(inputShape));
        }
        if ((long) start + end >= inputShape[0]) {
            throw new ShapeException(describe() + ": cropping (" + start + ", " + end + ") must be smaller than the input length. "
                    + "Received: input shape " + Shapes.formatBatched(inputShape));
        }
        return new int[] {inputShape[0] - start - end, inputShape[1]};
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] s = Storage.shape(x);
        return Crop.apply(x, new int[] {0, start, 0}, new int[] {s[0], s[1] - start - end, s[2]});
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("cropping", new int[] {start, end});
    }

    @Override
    public Cropping1D inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Cropping1D name(String layerName) {
        super.name(layerName);
        return this;
    }
}
