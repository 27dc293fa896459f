package ai.lepton.layers;

import ai.lepton.config.Config;
import java.util.SplittableRandom;

/**
 * Zooms each image in or out by a random amount during training, as Keras's {@code RandomZoom}:
 * the height zoom {@code zy} is drawn uniformly from {@code [1 + lower, 1 + upper]} of
 * {@code heightFactor} (one number {@code f} means {@code [-f, f]}), and the width zoom {@code zx}
 * likewise from {@code widthFactor}, or equals {@code zy} when no width factor is set (the aspect
 * ratio is kept). A positive factor zooms out, a negative one in. Output pixel {@code (x, y)} reads
 * input point {@code (zx (x - cx) + cx, zy (y - cy) + cy)} about the centre
 * {@code ((w - 1) / 2, (h - 1) / 2)}, filled and interpolated as set (default {@code reflect},
 * {@code bilinear}). Inference passes images unchanged.
 *
 * <pre>{@code
 * new RandomZoom(0.2);                                   // zoom 0.8 to 1.2, aspect kept
 * new RandomZoom(-0.3, 0.1).heightFactor(-0.3, -0.1);    // zoom in on height, either way on width
 * }</pre>
 */
public final class RandomZoom extends AffineAugmentation<RandomZoom> {
    private FactorRange heightFactor;
    private FactorRange widthFactor;

    /**
     * @param heightFactor the largest zoom change either way, in {@code (-1, 1]}; the width follows the height
     * @throws IllegalArgumentException if outside {@code (-1, 1]}
     */
    public RandomZoom(double heightFactor) {
        heightFactor(heightFactor);
    }

    /**
     * @param heightFactor the largest height zoom change either way, in {@code (-1, 1]}
     * @param widthFactor the largest width zoom change either way, in {@code (-1, 1]}
     * @throws IllegalArgumentException if one is outside {@code (-1, 1]}
     */
    public RandomZoom(double heightFactor, double widthFactor) {
        heightFactor(heightFactor);
        widthFactor(widthFactor);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static RandomZoom fromConfig(Config config) {
        FactorRange h = FactorRange.fromConfig(config, "height_factor");
        RandomZoom layer = h.scalar() ? new RandomZoom(h.upper()) : new RandomZoom(0).heightFactor(h.lower(), h.upper());
        if (config.get("width_factor") != null) {
            FactorRange w = FactorRange.fromConfig(config, "width_factor");
            if (w.scalar()) {
                layer.widthFactor(w.upper());
            } else {
                layer.widthFactor(w.lower(), w.upper());
            }
        }
        return layer.readFill(config);
    }

    /**
     * @param f the largest height zoom change either way, in {@code (-1, 1]}
     * @return this layer
     * @throws IllegalArgumentException if outside {@code (-1, 1]}
     */
    public RandomZoom heightFactor(double f) {
        FactorRange.requireWithin("RandomZoom", "height_factor", -1, true, 1, f);
        heightFactor = FactorRange.of(f);
        return this;
    }

    /**
     * @param lower the smallest height zoom change, in {@code (-1, 1]}
     * @param upper the largest, in {@code (-1, 1]}
     * @return this layer
     * @throws IllegalArgumentException if one is outside {@code (-1, 1]}
     */
    public RandomZoom heightFactor(double lower, double upper) {
        FactorRange.requireWithin("RandomZoom", "height_factor", -1, true, 1, lower, upper);
        heightFactor = FactorRange.of(lower, upper);
        return this;
    }

    /**
     * @param f the largest width zoom change either way, in {@code (-1, 1]}
     * @return this layer
     * @throws IllegalArgumentException if outside {@code (-1, 1]}
     */
    public RandomZoom widthFactor(double f) {
        FactorRange.requireWithin("RandomZoom", "width_factor", -1, true, 1, f);
        widthFactor = FactorRange.of(f);
        return this;
    }

    /**
     * @param lower the smallest width zoom change, in {@code (-1, 1]}
     * @param upper the largest, in {@code (-1, 1]}
     * @return this layer
     * @throws IllegalArgumentException if one is outside {@code (-1, 1]}
     */
    public RandomZoom widthFactor(double lower, double upper) {
        FactorRange.requireWithin("RandomZoom", "width_factor", -1, true, 1, lower, upper);
        widthFactor = FactorRange.of(lower, upper);
        return this;
    }

    @Override
    protected double[] transforms(SplittableRandom random, int batch, int height, int width) {
        double[] zy = new double[batch];
        double[] zx = new double[batch];
        for (int b = 0; b < batch; b++) {
            zy[b] = 1 + heightFactor.draw(random);
        }
        for (int b = 0; b < batch; b++) {
            zx[b] = widthFactor == null ? zy[b] : 1 + widthFactor.draw(random);
        }
        double[] t = new double[8 * batch];
        for (int b = 0; b < batch; b++) {
            int k = 8 * b;
            t[k] = zx[b];
            t[k + 2] = (width - 1) / 2.0 * (1 - zx[b]);
            t[k + 4] = zy[b];
            t[k + 5] = (height - 1) / 2.0 * (1 - zy[b]);
        }
        return t;
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("height_factor", heightFactor.configValue())
                .put("width_factor", widthFactor == null ? null : widthFactor.configValue());
    }
}
