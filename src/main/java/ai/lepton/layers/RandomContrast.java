package ai.lepton.layers;

import ai.lepton.autograd.Clip;
import ai.lepton.config.Config;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Changes the contrast of each image by a random factor during training, as Keras's
 * {@code RandomContrast}: with {@code f} drawn uniformly from {@code [1 - lower, 1 + upper]} per
 * image and {@code m} the mean of each channel over the image,
 * {@code y = clip((x - m) f + m, valueRange)}. One number {@code factor} means
 * {@code lower = upper = factor}, as Keras documents. Inference passes images unchanged.
 *
 * <pre>{@code
 * new RandomContrast(0.2);                         // factor 0.8 to 1.2, values in [0, 255]
 * new RandomContrast(0.2).valueRange(0, 1);        // for images scaled to [0, 1]
 * }</pre>
 */
public final class RandomContrast extends Augmentation {
    private final FactorRange factor;
    private double low;
    private double high = 255;

    /**
     * @param factor how far the contrast factor may move from 1 either way, in {@code [0, 1]}
     * @throws IllegalArgumentException if outside {@code [0, 1]}
     */
    public RandomContrast(double factor) {
        FactorRange.requireWithin("RandomContrast", "factor", 0, false, 1, factor);
        this.factor = FactorRange.of(factor);
    }

    /**
     * @param lower how far the factor may go below 1, in {@code [0, 1]}
     * @param upper how far it may go above 1, in {@code [0, 1]}
     * @throws IllegalArgumentException if one is outside {@code [0, 1]}
     */
    public RandomContrast(double lower, double upper) {
        FactorRange.requireWithin("RandomContrast", "factor", 0, false, 1, lower, upper);
        this.factor = FactorRange.of(lower, upper);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static RandomContrast fromConfig(Config config) {
        Tuples.requireChannelsLast(config);
        config.markRead("seed");
        FactorRange f = FactorRange.fromConfig(config, "factor");
        RandomContrast layer = f.scalar() ? new RandomContrast(f.upper()) : new RandomContrast(f.lower(), f.upper());
        double[] range = config.has("value_range") ? config.getDoubles("value_range") : new double[] {0, 255};
        if (range.length != 2) {
            throw new IllegalArgumentException("RandomContrast: value_range must be two numbers. Received: value_range="
                    + java.util.Arrays.toString(range));
        }
        return layer.valueRange(range[0], range[1]);
    }

    /**
     * @param min the smallest value of the images (default 0)
     * @param max the largest (default 255)
     * @return this layer
     * @throws IllegalArgumentException unless {@code min <= max}
     */
    public RandomContrast valueRange(double min, double max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("RandomContrast: value_range must be (low, high) with low <= high. Received: "
                    + "value_range=(" + min + ", " + max + ")");
        }
        low = min;
        high = max;
        return this;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        if (!training) {
            return x;
        }
        int[] s = Storage.shape(x);
        SplittableRandom random = nextDraw();
        double below = factor.scalar() ? factor.upper() : factor.lower();
        double[] f = new double[s[0]];
        for (int b = 0; b < s[0]; b++) {
            f[b] = 1 - below + (factor.upper() + below) * random.nextDouble();
        }
        Tensor mean = x.mean(1, true).mean(2, true);
        Tensor adjusted = x.sub(mean).mul(Storage.wrap(f, s[0], 1, 1, 1)).add(mean);
        return Clip.apply(adjusted, low, high);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("factor", factor.configValue()).put("value_range", new double[] {low, high}).put("data_format", "channels_last");
    }

    @Override
    public RandomContrast inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public RandomContrast name(String layerName) {
        super.name(layerName);
        return this;
    }
}
