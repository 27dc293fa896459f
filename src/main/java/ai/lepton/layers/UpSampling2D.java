package ai.lepton.layers;

import ai.lepton.autograd.Repeat;
import ai.lepton.autograd.Resize;
import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Locale;

/**
 * Enlarges each image by whole factors, as Keras's {@code UpSampling2D}: {@code (batch, h, w, c)}
 * becomes {@code (batch, h * rows, w * cols, c)}. With {@code nearest} interpolation (the default)
 * each row is repeated {@code rows} times and each column {@code cols} times; with
 * {@code bilinear}, the image is resized with half-pixel centres as Keras's
 * {@code ops.image.resize} (see {@link Resize}). No weights; the gradient goes back through the
 * same interpolation.
 *
 * <pre>{@code
 * SymbolicTensor in = Input.shape(7, 7, 16);
 * SymbolicTensor a = new UpSampling2D().apply(in);                               // (None, 14, 14, 16)
 * SymbolicTensor b = new UpSampling2D(2, 3).interpolation("bilinear").apply(in); // (None, 14, 21, 16)
 * }</pre>
 */
public final class UpSampling2D extends Layer {
    private final int rows;
    private final int cols;
    private String interpolation = "nearest";

    /** Factors (2, 2), as Keras's default. */
    public UpSampling2D() {
        this(2);
    }

    /**
     * @param size the factor of both height and width, positive
     * @throws IllegalArgumentException if not positive
     */
    public UpSampling2D(int size) {
        this(size, size);
    }

    /**
     * @param rows the height factor, positive
     * @param cols the width factor, positive
     * @throws IllegalArgumentException if one is not positive
     */
    public UpSampling2D(int rows, int cols) {
        this.rows = requirePositive("size", rows);
        this.cols = requirePositive("size", cols);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static UpSampling2D fromConfig(Config config) {
        Tuples.requireChannelsLast(config);
        int[] size = config.has("size") ? config.getInts("size") : new int[] {2, 2};
        if (size.length > 2) {
            throw new IllegalArgumentException("UpSampling2D: size must be an integer or a pair. Received: size="
                    + java.util.Arrays.toString(size));
        }
        UpSampling2D layer = size.length == 1 ? new UpSampling2D(size[0]) : new UpSampling2D(size[0], size[1]);
        return layer.interpolation(config.getString("interpolation", "nearest"));
    }

    /**
     * @param name {@code "nearest"} (default) or {@code "bilinear"}
     * @return this layer
     * @throws IllegalArgumentException for another name
     */
    public UpSampling2D interpolation(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (!"nearest".equals(n) && !"bilinear".equals(n)) {
            throw new IllegalArgumentException("UpSampling2D: interpolation must be 'nearest' or 'bilinear' "
                    + "(bicubic and lanczos are not supported). Received: interpolation=" + name);
        }
        interpolation = n;
        return this;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new ShapeException(describe() + ": expected input shape (None, height, width, channels), received "
                    + Shapes.formatBatched(inputShape));
        }
        return new int[] {Math.multiplyExact(inputShape[0], rows), Math.multiplyExact(inputShape[1], cols), inputShape[2]};
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        if ("nearest".equals(interpolation)) {
            return Repeat.apply(Repeat.apply(x, rows, 1), cols, 2);
        }
        int[] s = Storage.shape(x);
        return Resize.apply(x, s[1] * rows, s[2] * cols, "bilinear");
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("size", new int[] {rows, cols}).put("data_format", "channels_last")
                .put("interpolation", interpolation);
    }

    @Override
    public UpSampling2D inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public UpSampling2D name(String layerName) {
        super.name(layerName);
        return this;
    }
}
