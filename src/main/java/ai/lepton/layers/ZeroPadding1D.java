package ai.lepton.layers;

import ai.lepton.autograd.Pad;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;

/**
 * Adds zero steps at the start and end of each sequence, as Keras's {@code ZeroPadding1D}:
 * {@code (batch, steps, features)} becomes {@code (batch, left + steps + right, features)}. No
 * weights; the gradient is the output's gradient without the padded steps.
 *
 * <pre>{@code
 * SymbolicTensor in = Input.shape(10, 8);
 * SymbolicTensor padded = new ZeroPadding1D(2).apply(in);   // (None, 14, 8)
 * }</pre>
 */
public final class ZeroPadding1D extends Layer {
    private final int left;
    private final int right;

    /** One zero step on each side, as Keras's default. */
    public ZeroPadding1D() {
        this(1);
    }

    /**
     * @param padding zero steps on each side, not negative
     * @throws IllegalArgumentException if negative
     */
    public ZeroPadding1D(int padding) {
        this(padding, padding);
    }

    /**
     * @param left zero steps at the start, not negative
     * @param right zero steps at the end, not negative
     * @throws IllegalArgumentException if one is negative
     */
    public ZeroPadding1D(int left, int right) {
        Tuples.requireNonNegative("ZeroPadding1D", "padding", left, right);
        this.left = left;
        this.right = right;
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static ZeroPadding1D fromConfig(Config config) {
        Tuples.requireChannelsLast(config);
        int[] p = Tuples.pair(config, "padding");
        return new ZeroPadding1D(p[0], p[1]);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length != 2) {
            throw new ShapeException(describe() + ": expected input shape (None, steps, features), received "
                    + Shapes.formatBatched(inputShape));
        }
        return new int[] {Math.addExact(inputShape[0], left + right), inputShape[1]};
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return Pad.apply(x, new int[][] {{0, 0}, {left, right}, {0, 0}});
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("padding", new int[] {left, right}).put("data_format", "channels_last");
    }

    @Override
    public ZeroPadding1D inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public ZeroPadding1D name(String layerName) {
        super.name(layerName);
        return this;
    }
}
