package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Dropout that keeps a self-normalizing network's mean and variance, for {@code selu}
 * activations, as Keras's {@code AlphaDropout}: while training each element is kept with
 * probability {@code 1 - rate} or set to SELU's negative saturation {@code alpha' = -scale * alpha},
 * then the result is mapped by {@code a * x + b} with
 * {@code a = ((1 - rate) * (1 + rate * alpha'^2))^(-1/2)} and {@code b = -a * alpha' * rate}.
 * Inference is the identity. Seeded and counted as {@link NoiseLayer} describes.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Dense(64, "selu").kernelInitializer("lecun_normal").inputShape(20),
 *         new AlphaDropout(0.1),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class AlphaDropout extends NoiseLayer {
    /** SELU's alpha. */
    private static final double ALPHA = 1.6732632423543772848170429916717;
    /** SELU's scale. */
    private static final double SCALE = 1.0507009873554804934193349852946;

    private final double rate;

    /**
     * @param rate the fraction of inputs to drop, in {@code [0, 1)}
     * @throws IllegalArgumentException if it is outside {@code [0, 1)}
     */
    public AlphaDropout(double rate) {
        this.rate = requireRate("AlphaDropout", rate);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}; Keras's {@code seed} is read and ignored
     * (Lepton's noise comes from the model's seed).
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     * @throws ConfigException if the config sets a {@code noise_shape}, which is not supported
     */
    public static AlphaDropout fromConfig(Config config) {
        config.markRead("seed");
        if (config.get("noise_shape") != null) {
            throw new ConfigException("AlphaDropout: noise_shape is not supported. Received: noise_shape=" + config.get("noise_shape"));
        }
        return new AlphaDropout(config.getDouble("rate"));
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        if (!training || rate == 0) {
            return x;
        }
        double alphaP = -ALPHA * SCALE;
        double a = Math.pow((1 - rate) * (1 + rate * alphaP * alphaP), -0.5);
        double b = -a * alphaP * rate;
        SplittableRandom random = nextGenerator();
        double[] factor = new double[x.size()];
        double[] offset = new double[x.size()];
        for (int i = 0; i < factor.length; i++) {
            boolean kept = random.nextDouble() >= rate;
            factor[i] = kept ? a : 0.0;
            offset[i] = kept ? b : a * alphaP + b;
        }
        int[] shape = Storage.shape(x);
        return x.mul(Storage.wrap(factor, shape)).add(Storage.wrap(offset, shape));
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("rate", rate);
    }

    @Override
    public AlphaDropout inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public AlphaDropout name(String layerName) {
        super.name(layerName);
        return this;
    }
}
