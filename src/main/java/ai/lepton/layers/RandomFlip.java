package ai.lepton.layers;

import ai.lepton.autograd.AffineTransform;
import ai.lepton.config.Config;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Flips each image with probability one half during training, as Keras's {@code RandomFlip}:
 * {@code "horizontal"} mirrors left and right, {@code "vertical"} top and bottom, and
 * {@code "horizontal_and_vertical"} (the default) does both to the images it picks (one draw per
 * image, as Keras 3). Inference passes images unchanged; in training the gradient is flipped back.
 *
 * <pre>{@code
 * new RandomFlip("horizontal");
 * }</pre>
 */
public final class RandomFlip extends Augmentation {
    private final String mode;
    private final boolean horizontal;
    private final boolean vertical;

    /** Flips both ways, as Keras's default {@code "horizontal_and_vertical"}. */
    public RandomFlip() {
        this("horizontal_and_vertical");
    }

    /**
     * @param mode {@code "horizontal"}, {@code "vertical"} or {@code "horizontal_and_vertical"}
     * @throws IllegalArgumentException for another mode
     */
    public RandomFlip(String mode) {
        if (!"horizontal".equals(mode) && !"vertical".equals(mode) && !"horizontal_and_vertical".equals(mode)) {
            throw new IllegalArgumentException("RandomFlip: mode must be 'horizontal', 'vertical' or 'horizontal_and_vertical'. "
                    + "Received: mode=" + mode);
        }
        this.mode = mode;
        this.horizontal = mode.startsWith("horizontal");
        this.vertical = mode.endsWith("vertical");
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static RandomFlip fromConfig(Config config) {
        Tuples.requireChannelsLast(config);
        config.markRead("seed");
        return new RandomFlip(config.getString("mode", "horizontal_and_vertical"));
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        if (!training) {
            return x;
        }
        int[] s = Storage.shape(x);
        SplittableRandom random = nextDraw();
        double[] t = new double[8 * s[0]];
        for (int b = 0; b < s[0]; b++) {
            boolean flip = random.nextDouble() <= 0.5;
            int k = 8 * b;
            t[k] = flip && horizontal ? -1 : 1;
            t[k + 2] = flip && horizontal ? s[2] - 1 : 0;
            t[k + 4] = flip && vertical ? -1 : 1;
            t[k + 5] = flip && vertical ? s[1] - 1 : 0;
        }
        return AffineTransform.apply(x, t, "nearest", "nearest", 0.0);
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("mode", mode).put("data_format", "channels_last");
    }

    @Override
    public RandomFlip inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public RandomFlip name(String layerName) {
        super.name(layerName);
        return this;
    }
}
