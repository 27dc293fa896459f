package ai.lepton.layers;

import ai.lepton.config.Config;
import java.util.SplittableRandom;

/**
 * Rotates each image by a random angle during training, as Keras's {@code RandomRotation}: the
 * angle is drawn uniformly from {@code [lower * 360, upper * 360]} degrees ({@code factor} is a
 * fraction of a full turn; one number {@code f} means {@code [-f, f]}), positive counter-clockwise,
 * about the image centre {@code ((w - 1) / 2, (h - 1) / 2)}. Output pixel {@code (x, y)} reads
 * input point {@code (cos a (x - cx) - sin a (y - cy) + cx, sin a (x - cx) + cos a (y - cy) + cy)}
 * (Keras's rotation matrix), filled and interpolated as set (default {@code reflect},
 * {@code bilinear}). Inference passes images unchanged.
 *
 * <pre>{@code
 * new RandomRotation(0.1);                              // up to 36 degrees either way
 * new RandomRotation(-0.05, 0.2).fillMode("constant");  // -18 to 72 degrees, zeros outside
 * }</pre>
 */
public final class RandomRotation extends AffineAugmentation<RandomRotation> {
    private final FactorRange factor;

    /**
     * @param factor the largest rotation either way, as a fraction of a full turn, in {@code [-1, 1]}
     * @throws IllegalArgumentException if outside {@code [-1, 1]}
     */
    public RandomRotation(double factor) {
        FactorRange.requireWithin("RandomRotation", "factor", -1, false, 1, factor);
        this.factor = FactorRange.of(factor);
    }

    /**
     * @param lower the smallest rotation, a fraction of a full turn (negative: clockwise)
     * @param upper the largest rotation
     * @throws IllegalArgumentException unless both lie in {@code [-1, 1]}
     */
    public RandomRotation(double lower, double upper) {
        FactorRange.requireWithin("RandomRotation", "factor", -1, false, 1, lower, upper);
        this.factor = FactorRange.of(lower, upper);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static RandomRotation fromConfig(Config config) {
        FactorRange f = FactorRange.fromConfig(config, "factor");
        RandomRotation layer = f.scalar() ? new RandomRotation(f.upper()) : new RandomRotation(f.lower(), f.upper());
        return layer.readFill(config);
    }

    @Override
    protected double[] transforms(SplittableRandom random, int batch, int height, int width) {
        double cx = 0.5 * (width - 1);
        double cy = 0.5 * (height - 1);
        double[] t = new double[8 * batch];
        for (int b = 0; b < batch; b++) {
            double angle = Math.toRadians(factor.draw(random) * 360.0);
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            int k = 8 * b;
            t[k] = cos;
            t[k + 1] = -sin;
            t[k + 2] = cx - cx * cos + cy * sin;
            t[k + 3] = sin;
            t[k + 4] = cos;
            t[k + 5] = cy - cx * sin - cy * cos;
        }
        return t;
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("factor", factor.configValue());
    }
}
