package ai.lepton.layers;

import ai.lepton.tensor.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Randomly zeroes a fraction {@code rate} of the inputs during training and scales the rest by
 * {@code 1 / (1 - rate)} (inverted dropout, as Keras), so that the expected value is unchanged and
 * inference is the identity: {@code y = x * m / (1 - rate)} with {@code m ~ Bernoulli(1 - rate)}
 * per element when training, else {@code y = x}. The output has the input's shape; the gradient
 * flows through the kept elements with the same scale.
 *
 * <p>Masks come from a generator seeded when the layer is built, so a seeded model drops the same
 * elements on every run. Calls are safe from several threads; concurrent training calls draw
 * their masks one after the other.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Dense(128, "relu").inputShape(784),
 *         new Dropout(0.5),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public final class Dropout extends Layer {
    private final double rate;
    private SplittableRandom random;

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

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape.clone();
    }

    /** Keeps the seeded random source for the masks; Dropout has no weights. */
    @Override
    protected void createWeights(int[] inputShape, SplittableRandom seeded) {
        random = seeded;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        checkInput(x);
        if (!training || rate == 0) {
            return x;
        }
        return x.mul(Storage.wrap(mask(x.size()), Storage.shape(x)));
    }

    /** Draws a mask of 0 and {@code 1 / (1 - rate)}; synchronized because the generator is shared. */
    private synchronized double[] mask(int size) {
        double scale = 1.0 / (1.0 - rate);
        double[] m = new double[size];
        for (int i = 0; i < size; i++) {
            m[i] = random.nextDouble() >= rate ? scale : 0.0;
        }
        return m;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("rate", rate);
        return config;
    }
}
