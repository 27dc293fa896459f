package ai.lepton.layers;

import ai.lepton.autograd.Clip;
import ai.lepton.config.Config;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Brightens or darkens each image by a random amount during training, as Keras's
 * {@code RandomBrightness}: with {@code d} drawn uniformly from {@code [lower, upper]} per image,
 * {@code y = clip(x + d (max - min), min, max)} for the value range {@code [min, max]} (default
 * {@code [0, 255]}). One number {@code factor} means {@code [-factor, factor]}; -1 turns an image
 * black, 1 white. Inference passes images unchanged.
 *
 * <pre>{@code
 * new RandomBrightness(0.2);                           // shift by up to 51 of 255 either way
 * new RandomBrightness(-0.1, 0.3).valueRange(0, 1);    // for images scaled to [0, 1]
 * }</pre>
 */
public final class RandomBrightness extends Augmentation {
    private final FactorRange factor;
    private double low;
    private double high = 255;

    /**
     * @param factor the largest change either way, a fraction of the value range in {@code [-1, 1]}
     * @throws IllegalArgumentException if outside {@code [-1, 1]}
     */
    public RandomBrightness(double factor) {
        FactorRange.requireWithin("RandomBrightness", "factor", -1, false, 1, factor);
        this.factor = FactorRange.of(factor);
    }

    /**
     * @param lower the smallest change, a fraction of the value range in {@code [-1, 1]}
     * @param upper the largest
     * @throws IllegalArgumentException if one is outside {@code [-1, 1]}
     */
    public RandomBrightness(double lower, double upper) {
        FactorRange.requireWithin("RandomBrightness", "factor", -1, false, 1, lower, upper);
        this.factor = FactorRange.of(lower, upper);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static RandomBrightness fromConfig(Config config) {
        Tuples.requireChannelsLast(config);
        config.markRead("seed");
        FactorRange f = FactorRange.fromConfig(config, "factor");
        RandomBrightness layer = f.scalar() ? new RandomBrightness(f.upper()) : new RandomBrightness(f.lower(), f.upper());
        double[] range = config.has("value_range") ? config.getDoubles("value_range") : new double[] {0, 255};
        if (range.length != 2) {
            throw new IllegalArgumentException("RandomBrightness: value_range must be two numbers. Received: value_range="
                    + java.util.Arrays.toString(range));
        }
        return layer.valueRange(range[0], range[1]);
    }

    /**
     * @param a one end of the images' value range (default 0)
     * @param b the other end (default 255); the two are sorted, as Keras does
     * @return this layer
     * @throws IllegalArgumentException if one is NaN
     */
    public RandomBrightness valueRange(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            throw new IllegalArgumentException("RandomBrightness: value_range must be two numbers. Received: value_range=("
                    + a + ", " + b + ")");
        }
        low = Math.min(a, b);
        high = Math.max(a, b);
        return this;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        if (!training) {
            return x;
        }
        int[] s = Storage.shape(x);
        SplittableRandom random = nextDraw();
        double[] delta = new double[s[0]];
        for (int b = 0; b < s[0]; b++) {
            delta[b] = factor.draw(random) * (high - low);
        }
        return Clip.apply(x.add(Storage.wrap(delta, s[0], 1, 1, 1)), low, high);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("factor", factor.configValue()).put("value_range", new double[] {low, high}).put("data_format", "channels_last");
    }

    @Override
    public RandomBrightness inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public RandomBrightness name(String layerName) {
        super.name(layerName);
        return this;
    }
}
