package ai.lepton.layers;

import ai.lepton.config.Config;
import java.util.SplittableRandom;

/**
 * Shifts each image by a random offset during training, as Keras's {@code RandomTranslation}: the
 * vertical shift {@code dy} is drawn uniformly from {@code [lower, upper] * height} of
 * {@code heightFactor} (one number {@code f} means {@code [-f, f]}; positive moves the image down),
 * the horizontal {@code dx} likewise from {@code widthFactor} times the width (positive: right).
 * Output pixel {@code (x, y)} reads input point {@code (x - dx, y - dy)}, filled and interpolated as
 * set (default {@code reflect}, {@code bilinear}). Inference passes images unchanged.
 *
 * <pre>{@code
 * new RandomTranslation(0.1, 0.1);                                        // up to 10% each way
 * new RandomTranslation(0, 0.2).heightFactor(-0.1, 0.3).fillMode("constant");
 * }</pre>
 */
public final class RandomTranslation extends AffineAugmentation<RandomTranslation> {
    private FactorRange heightFactor;
    private FactorRange widthFactor;

    /**
     * @param heightFactor the largest vertical shift either way, a fraction of the height in {@code [-1, 1]}
     * @param widthFactor the largest horizontal shift either way, a fraction of the width in {@code [-1, 1]}
     * @throws IllegalArgumentException if one is outside {@code [-1, 1]}
     */
    public RandomTranslation(double heightFactor, double widthFactor) {
        FactorRange.requireWithin("RandomTranslation", "height_factor", -1, false, 1, heightFactor);
        FactorRange.requireWithin("RandomTranslation", "width_factor", -1, false, 1, widthFactor);
        this.heightFactor = FactorRange.of(heightFactor);
        this.widthFactor = FactorRange.of(widthFactor);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static RandomTranslation fromConfig(Config config) {
        FactorRange h = FactorRange.fromConfig(config, "height_factor");
        FactorRange w = FactorRange.fromConfig(config, "width_factor");
        RandomTranslation layer = new RandomTranslation(0, 0);
        if (h.scalar()) {
            layer.heightFactor(h.upper());
        } else {
            layer.heightFactor(h.lower(), h.upper());
        }
        if (w.scalar()) {
            layer.widthFactor(w.upper());
        } else {
            layer.widthFactor(w.lower(), w.upper());
        }
        return layer.readFill(config);
    }

    /**
     * @param f the largest vertical shift either way, a fraction of the height in {@code [-1, 1]}
     * @return this layer
     * @throws IllegalArgumentException if outside {@code [-1, 1]}
     */
    public RandomTranslation heightFactor(double f) {
        FactorRange.requireWithin("RandomTranslation", "height_factor", -1, false, 1, f);
        heightFactor = FactorRange.of(f);
        return this;
    }

    /**
     * @param lower the smallest vertical shift, a fraction of the height in {@code [-1, 1]}
     * @param upper the largest
     * @return this layer
     * @throws IllegalArgumentException if one is outside {@code [-1, 1]}
     */
    public RandomTranslation heightFactor(double lower, double upper) {
        FactorRange.requireWithin("RandomTranslation", "height_factor", -1, false, 1, lower, upper);
        heightFactor = FactorRange.of(lower, upper);
        return this;
    }

    /**
     * @param f the largest horizontal shift either way, a fraction of the width in {@code [-1, 1]}
     * @return this layer
     * @throws IllegalArgumentException if outside {@code [-1, 1]}
     */
    public RandomTranslation widthFactor(double f) {
        FactorRange.requireWithin("RandomTranslation", "width_factor", -1, false, 1, f);
        widthFactor = FactorRange.of(f);
        return this;
    }

    /**
     * @param lower the smallest horizontal shift, a fraction of the width in {@code [-1, 1]}
     * @param upper the largest
     * @return this layer
     * @throws IllegalArgumentException if one is outside {@code [-1, 1]}
     */
    public RandomTranslation widthFactor(double lower, double upper) {
        FactorRange.requireWithin("RandomTranslation", "width_factor", -1, false, 1, lower, upper);
        widthFactor = FactorRange.of(lower, upper);
        return this;
    }

    @Override
    protected double[] transforms(SplittableRandom random, int batch, int height, int width) {
        double[] dy = new double[batch];
        double[] dx = new double[batch];
        for (int b = 0; b < batch; b++) {
            dy[b] = heightFactor.draw(random) * height;
        }
        for (int b = 0; b < batch; b++) {
            dx[b] = widthFactor.draw(random) * width;
        }
        double[] t = new double[8 * batch];
        for (int b = 0; b < batch; b++) {
            int k = 8 * b;
            t[k] = 1;
            t[k + 2] = -dx[b];
            t[k + 4] = 1;
            t[k + 5] = -dy[b];
        }
        return t;
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("height_factor", heightFactor.configValue()).put("width_factor", widthFactor.configValue());
    }
}
