package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Adds zero-centred Gaussian noise while training, as Keras's {@code GaussianNoise}:
 * {@code y = x + n} with {@code n ~ N(0, stddev^2)} per element when training, else {@code y = x}.
 * A regularizer against overfitting on real-valued inputs. Seeded and counted as
 * {@link NoiseLayer} describes.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new GaussianNoise(0.1).inputShape(20),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class GaussianNoise extends NoiseLayer {
    private final double stddev;

    /**
     * @param stddev the standard deviation of the noise, in {@code [0, 1]} as Keras requires
     * @throws IllegalArgumentException if it is outside {@code [0, 1]}
     */
    public GaussianNoise(double stddev) {
        if (!(stddev >= 0 && stddev <= 1)) {
            throw new IllegalArgumentException("GaussianNoise: stddev must be a number in [0, 1]. Received: stddev=" + stddev);
        }
        this.stddev = stddev;
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}; Keras's {@code seed} is read and ignored
     * (Lepton's noise comes from the model's seed).
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static GaussianNoise fromConfig(Config config) {
        config.markRead("seed");
        return new GaussianNoise(config.getDouble("stddev"));
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        if (!training || stddev == 0) {
            return x;
        }
        SplittableRandom random = nextGenerator();
        double[] noise = new double[x.size()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = stddev * random.nextGaussian();
        }
        return x.add(Storage.wrap(noise, Storage.shape(x)));
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("stddev", stddev);
    }

    @Override
    public GaussianNoise inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public GaussianNoise name(String layerName) {
        super.name(layerName);
        return this;
    }
}
