package ai.lepton.layers;

import ai.lepton.autograd.Pad;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;

/**
 * Adds rows and columns of zeros around each image, as Keras's {@code ZeroPadding2D}:
 * {@code (batch, h, w, c)} becomes {@code (batch, top + h + bottom, left + w + right, c)}. No
 * weights; the gradient is the output's gradient without the padding.
 *
 * <pre>{@code
 * SymbolicTensor in = Input.shape(28, 28, 1);
 * SymbolicTensor a = new ZeroPadding2D(2).apply(in);            // (None, 32, 32, 1)
 * SymbolicTensor b = new ZeroPadding2D(1, 2).apply(in);         // (None, 30, 32, 1)
 * SymbolicTensor c = new ZeroPadding2D(0, 1, 2, 3).apply(in);   // (None, 29, 33, 1)
 * }</pre>
 */
public final class ZeroPadding2D extends Layer {
    private final int[][] padding;

    /** One row or column of zeros on every side, as Keras's default. */
    public ZeroPadding2D() {
        this(1);
    }

    /**
     * @param padding rows and columns of zeros on every side, not negative
     * @throws IllegalArgumentException if negative
     */
    public ZeroPadding2D(int padding) {
        this(padding, padding);
    }

    /**
     * Keras's {@code padding=(symmetric_height_pad, symmetric_width_pad)}.
     *
     * @param height rows of zeros above and below, not negative
     * @param width columns of zeros left and right, not negative
     * @throws IllegalArgumentException if one is negative
     */
    public ZeroPadding2D(int height, int width) {
        this(height, height, width, width);
    }

    /**
     * Keras's {@code padding=((top, bottom), (left, right))}.
     *
     * @param top rows of zeros above, not negative
     * @param bottom rows of zeros below, not negative
     * @param left columns of zeros on the left, not negative
     * @param right columns of zeros on the right, not negative
     * @throws IllegalArgumentException if one is negative
     */
    public ZeroPadding2D(int top, int bottom, int left, int right) {
        Tuples.requireNonNegative("ZeroPadding2D", "padding", top, bottom, left, right);
        this.padding = new int[][] {{top, bottom}, {left, right}};
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static ZeroPadding2D fromConfig(Config config) {
        Tuples.requireChannelsLast(config);
        int[][] p = Tuples.pairs(config, "padding");
        return new ZeroPadding2D(p[0][0], p[0][1], p[1][0], p[1][1]);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new ShapeException(describe() + ": expected input shape (None, height, width, channels), received "
                    + Shapes.formatBatched(inputShape));
        }
        return new int[] {Math.addExact(inputShape[0], padding[0][0] + padding[0][1]),
            Math.addExact(inputShape[1], padding[1][0] + padding[1][1]), inputShape[2]};
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return Pad.apply(x, new int[][] {{0, 0}, padding[0], padding[1], {0, 0}});
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("padding", Tuples.pairsValue(padding)).put("data_format", "channels_last");
    }

    @Override
    public ZeroPadding2D inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public ZeroPadding2D name(String layerName) {
        super.name(layerName);
        return this;
    }
}
