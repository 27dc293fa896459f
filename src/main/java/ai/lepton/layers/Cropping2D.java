package ai.lepton.layers;

import ai.lepton.autograd.Crop;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * Removes rows and columns at the borders of each image, as Keras's {@code Cropping2D}:
 * {@code (batch, h, w, c)} becomes {@code (batch, h - top - bottom, w - left - right, c)}. No
 * weights; the gradient of a removed pixel is zero.
 *
 * <pre>{@code
 * SymbolicTensor in = Input.shape(28, 28, 3);
 * SymbolicTensor a = new Cropping2D(2).apply(in);            // (None, 24, 24, 3)
 * SymbolicTensor b = new Cropping2D(1, 2, 3, 4).apply(in);   // (None, 25, 21, 3)
 * }</pre>
 */
public final class Cropping2D extends Layer {
    private final int[][] cropping;

    /** No cropping, as Keras's default {@code ((0, 0), (0, 0))}. */
    public Cropping2D() {
        this(0);
    }

    /**
     * @param cropping rows and columns removed at every border, not negative
     * @throws IllegalArgumentException if negative
     */
    public Cropping2D(int cropping) {
        this(cropping, cropping);
    }

    /**
     * Keras's {@code cropping=(symmetric_height_crop, symmetric_width_crop)}.
     *
     * @param height rows removed at the top and at the bottom, not negative
     * @param width columns removed on the left and on the right, not negative
     * @throws IllegalArgumentException if one is negative
     */
    public Cropping2D(int height, int width) {
        this(height, height, width, width);
    }

    /**
     * Keras's {@code cropping=((top, bottom), (left, right))}.
     *
     * @param top rows removed at the top, not negative
     * @param bottom rows removed at the bottom, not negative
     * @param left columns removed on the left, not negative
     * @param right columns removed on the right, not negative
     * @throws IllegalArgumentException if one is negative
     */
    public Cropping2D(int top, int bottom, int left, int right) {
        Tuples.requireNonNegative("Cropping2D", "cropping", top, bottom, left, right);
        this.cropping = new int[][] {{top, bottom}, {left, right}};
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static Cropping2D fromConfig(Config config) {
        Tuples.requireChannelsLast(config);
        int[][] c = Tuples.pairs(config, "cropping");
        return new Cropping2D(c[0][0], c[0][1], c[1][0], c[1][1]);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new ShapeException(describe() + ": expected input shape (None, height, width, channels), received "
                    + Shapes.formatBatched(inputShape));
        }
        if ((long) cropping[0][0] + cropping[0][1] >= inputShape[0] || (long) cropping[1][0] + cropping[1][1] >= inputShape[1]) {
            throw new ShapeException(describe() + ": cropping ((" + cropping[0][0] + ", " + cropping[0][1] + "), (" + cropping[1][0]
                    + ", " + cropping[1][1] + ")) must be smaller than the input's height and width. Received: input shape "
                    + Shapes.formatBatched(inputShape));
        }
        return new int[] {inputShape[0] - cropping[0][0] - cropping[0][1], inputShape[1] - cropping[1][0] - cropping[1][1],
            inputShape[2]};
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] s = Storage.shape(x);
        int[] out = computeOutputShape(new int[] {s[1], s[2], s[3]});
        return Crop.apply(x, new int[] {0, cropping[0][0], cropping[1][0], 0}, new int[] {s[0], out[0], out[1], out[2]});
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("cropping", Tuples.pairsValue(cropping)).put("data_format", "channels_last");
    }

    @Override
    public Cropping2D inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Cropping2D name(String layerName) {
        super.name(layerName);
        return this;
    }
}
