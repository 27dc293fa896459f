package ai.lepton.layers;

import ai.lepton.autograd.Resize;
import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.Locale;

/**
 * Resizes images to a fixed height and width, in training and inference alike, as Keras's
 * {@code Resizing}: {@code (batch, h, w, c)} becomes {@code (batch, height, width, c)}, by
 * {@code bilinear} (default) or {@code nearest} interpolation with half-pixel centres and no
 * antialiasing (see {@link Resize}). With {@code cropToAspectRatio(true)} the largest centred window
 * with the target's aspect ratio is resized instead, so nothing is stretched. No weights; the
 * gradient goes back through the interpolation.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Resizing(32, 32).inputShape(64, 48, 3),
 *         new Rescaling(1.0 / 255),
 *         new Flatten(),
 *         new Dense(10, "softmax"));
 * new Resizing(32, 32).interpolation("nearest").cropToAspectRatio(true);
 * }</pre>
 */
public final class Resizing extends Layer {
    private final int height;
    private final int width;
    private String interpolation = "bilinear";
    private boolean cropToAspectRatio;

    /**
     * @param height the output height, positive
     * @param width the output width, positive
     * @throws IllegalArgumentException if one is not positive
     */
    public Resizing(int height, int width) {
        this.height = requirePositive("height", height);
        this.width = requirePositive("width", width);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static Resizing fromConfig(Config config) {
        Tuples.requireChannelsLast(config);
        if (config.getBoolean("pad_to_aspect_ratio", false) || config.getBoolean("antialias", false)) {
            throw new ConfigException(config.owner() + ": pad_to_aspect_ratio and antialias are not supported");
        }
        config.markRead("fill_mode", "fill_value");
        return new Resizing(config.getInt("height"), config.getInt("width"))
                .interpolation(config.getString("interpolation", "bilinear"))
                .cropToAspectRatio(config.getBoolean("crop_to_aspect_ratio", false));
    }

    /**
     * @param name {@code "bilinear"} (default) or {@code "nearest"}
     * @return this layer
     * @throws IllegalArgumentException for another name (bicubic and lanczos are not supported)
     */
    public Resizing interpolation(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (!"nearest".equals(n) && !"bilinear".equals(n)) {
            throw new IllegalArgumentException("Resizing: interpolation must be 'bilinear' or 'nearest' "
                    + "(bicubic and lanczos are not supported). Received: interpolation=" + name);
        }
        interpolation = n;
        return this;
    }

    /**
     * @param on whether to resize the largest centred window with the target's aspect ratio (default false: stretch)
     * @return this layer
     */
    public Resizing cropToAspectRatio(boolean on) {
        cropToAspectRatio = on;
        return this;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new ShapeException(describe() + ": expected input shape (None, height, width, channels), received "
                    + Shapes.formatBatched(inputShape));
        }
        return new int[] {height, width, inputShape[2]};
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        return cropToAspectRatio ? SmartResize.apply(x, height, width, interpolation) : Resize.apply(x, height, width, interpolation);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("height", height).put("width", width).put("interpolation", interpolation)
                .put("crop_to_aspect_ratio", cropToAspectRatio).put("pad_to_aspect_ratio", false).put("fill_mode", "constant")
                .put("fill_value", 0.0).put("antialias", false).put("data_format", "channels_last");
    }

    @Override
    public Resizing inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Resizing name(String layerName) {
        super.name(layerName);
        return this;
    }
}
