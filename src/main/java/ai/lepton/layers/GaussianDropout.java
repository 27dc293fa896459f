package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Multiplies the inputs by Gaussian noise centred on 1 while training, as Keras's
 * {@code GaussianDropout}: {@code y = x * n} with {@code n ~ N(1, rate / (1 - rate))} per element
 * when training (standard deviation {@code sqrt(rate / (1 - rate))}), else {@code y = x}. Seeded and
 * counted as {@link NoiseLayer} describes.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Dense(64, "relu").inputShape(20),
 *         new GaussianDropout(0.2),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class GaussianDropout extends NoiseLayer {
    private final double rate;

    /**
     * @param rate the drop probability the noise matches, in {@code [0, 1)}
     * @throws IllegalArgumentException if it is outside {@code [0, 1)}
     */
    public GaussianDropout(double rate) {
        this.rate = requireRate("GaussianDropout", rate);
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}; Keras's {@code seed} is read and ignored
     * (Lepton's noise comes from the model's seed).
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static GaussianDropout fromConfig(Config config) {
        config.markRead("seed");
        return new GaussianDropout(config.getDouble("rate"));
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        if (!training || rate == 0) {
            return x;
        }
        double stddev = Math.sqrt(rate / (1.0 - rate));
        SplittableRandom random = nextGenerator();
        double[] noise = new double[x.size()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 1.0 + stddev * random.nextGaussian();
        }
        return x.mul(Storage.wrap(noise, Storage.shape(x)));
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("rate", rate);
    }

    @Override
    public GaussianDropout inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public GaussianDropout name(String layerName) {
        super.name(layerName);
        return this;
    }
}
