package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Randomly zeroes a fraction {@code rate} of the inputs during training and scales the rest by
 * {@code 1 / (1 - rate)} (inverted dropout, as Keras), so that the expected value is unchanged and
 * inference is the identity: {@code y = x * m / (1 - rate)} with {@code m ~ Bernoulli(1 - rate)}
 * per element when training, else {@code y = x}. The output has the input's shape; the gradient
 * flows through the kept elements with the same scale.
 *
 * <p>Its masks are {@link Randomized} draws: mask number {@code k} comes from the layer's seed and
 * {@code k} alone, and the count is the layer's state variable {@code masks_drawn}, saved with the
 * model. Calls are safe from several threads; concurrent training calls draw one after the other.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Dense(128, "relu").inputShape(784),
 *         new Dropout(0.5),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class Dropout extends Layer implements Randomized {
    private static final String COUNT = "masks_drawn";
    private final double rate;

    /**
     * @param rate the fraction of inputs to drop, in {@code [0, 1)}
     * @throws IllegalArgumentException if {@code rate} is outside {@code [0, 1)}
     */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout: rate must be a number in [0, 1). Received: rate=" + rate);
        }
        this.rate = rate;
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static Dropout fromConfig(Config config) {
        config.markRead("seed", "noise_shape");
        return new Dropout(config.getDouble("rate"));
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    protected void declareWeights(int[] inputShape, Weights weights) {
        weights.addState(COUNT, new int[] {1});
    }

    @Override
    public long draws() {
        return Draws.count(this, COUNT);
    }

    @Override
    public Dropout draws(long count) {
        Draws.set(this, COUNT, count);
        return this;
    }

    /** Masks pass through unchanged, as Keras's {@code supports_masking = True}. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        if (!training || rate == 0) {
            return x;
        }
        return x.mul(Storage.wrap(mask(x.size()), Storage.shape(x)));
    }

    /** Draws the next mask of 0 and {@code 1 / (1 - rate)}. */
    private double[] mask(int size) {
        SplittableRandom random = Draws.next(this, COUNT);
        double scale = 1.0 / (1.0 - rate);
        double[] m = new double[size];
        for (int i = 0; i < size; i++) {
            m[i] = random.nextDouble() >= rate ? scale : 0.0;
        }
        return m;
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("rate", rate);
    }

    @Override
    public Dropout inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Dropout name(String layerName) {
        super.name(layerName);
        return this;
    }
}
