package ai.lepton.layers;

import ai.lepton.autograd.AffineTransform;
import ai.lepton.config.Config;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The base of the augmentation layers that move pixels by a random affine transform per image
 * ({@code RandomRotation}, {@code RandomZoom}, {@code RandomTranslation}), with Keras's settings
 * for what they read outside the image and how they interpolate (see
 * {@link ai.lepton.autograd.AffineTransform}). In inference the images pass unchanged; in
 * training the gradient flows back to the pixels that were read.
 *
 * <pre>{@code
 * new RandomRotation(0.1).fillMode("constant").fillValue(0.5).interpolation("nearest");
 * }</pre>
 *
 * @param <T> the concrete layer type, returned by the fluent setters
 */
public abstract class AffineAugmentation<T extends AffineAugmentation<T>> extends Augmentation {
    private String fillMode = "reflect";
    private String interpolation = "bilinear";
    private double fillValue;

    /** For subclasses. */
    protected AffineAugmentation() {
    }

    /** @return this layer as its concrete type */
    @Override
    public T name(String layerName) {
        super.name(layerName);
        return self();
    }

    @Override
    public T inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return self();
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /**
     * @param mode what points outside the image read: {@code "reflect"} (default,
     *        {@code d c b a | a b c d | d c b a}), {@code "wrap"} ({@code a b c d | a b c d}),
     *        {@code "constant"} (the fill value) or {@code "nearest"} ({@code a a | a b c d | d d})
     * @return this layer
     * @throws IllegalArgumentException for another mode
     */
    public T fillMode(String mode) {
        String m = mode == null ? "" : mode.toLowerCase(Locale.ROOT);
        if (!m.equals("reflect") && !m.equals("wrap") && !m.equals("constant") && !m.equals("nearest")) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": fill_mode must be 'reflect', 'wrap', 'constant' or 'nearest'. Received: fill_mode=" + mode);
        }
        fillMode = m;
        return self();
    }

    /**
     * @param name {@code "bilinear"} (default) or {@code "nearest"}
     * @return this layer
     * @throws IllegalArgumentException for another name
     */
    public T interpolation(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (!n.equals("bilinear") && !n.equals("nearest")) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": interpolation must be 'bilinear' or 'nearest'. Received: interpolation=" + name);
        }
        interpolation = n;
        return self();
    }

    /**
     * @param value what points outside the image read with {@code fillMode("constant")} (default 0)
     * @return this layer
     */
    public T fillValue(double value) {
        fillValue = value;
        return self();
    }

    /**
     * The transforms of one training call, Keras's rows {@code [a0, a1, a2, b0, b1, b2, 0, 0]}
     * mapping output pixel {@code (x, y)} to input point {@code (a0 x + a1 y + a2, b0 x + b1 y + b2)}.
     *
     * @param random the call's generator
     * @param batch images in the batch
     * @param height image height
     * @param width image width
     * @return {@code 8 * batch} numbers
     */
    protected abstract double[] transforms(SplittableRandom random, int batch, int height, int width);

    @Override
    public Tensor call(Tensor x, boolean training) {
        if (!training) {
            return x;
        }
        int[] s = Storage.shape(x);
        return AffineTransform.apply(x, transforms(nextDraw(), s[0], s[1], s[2]), interpolation, fillMode, fillValue);
    }

    /**
     * Reads the fill and interpolation settings from a config.
     *
     * @param config the saved settings
     * @return this layer
     */
    protected final T readFill(Config config) {
        Tuples.requireChannelsLast(config);
        config.markRead("seed");
        return fillMode(config.getString("fill_mode", "reflect")).interpolation(config.getString("interpolation", "bilinear"))
                .fillValue(config.getDouble("fill_value", 0.0));
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("fill_mode", fillMode).put("interpolation", interpolation).put("fill_value", fillValue)
                .put("data_format", "channels_last");
    }
}
