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
 * <p>Mask number {@code k} comes from a generator seeded by the layer's seed (drawn when it is
 * built) and {@code k} alone, so a seeded model drops the same elements on every run, and a model
 * that restores {@link #masksDrawn(long) the count of masks drawn} (as loading a saved model
 * does) goes on with exactly the masks an uninterrupted run would have drawn. Calls are safe from
 * several threads; concurrent training calls draw their masks one after the other.
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
    private long seed;
    private long masksDrawn;

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

    /** Takes the seed of the masks from the layer's seeded source; Dropout has no weights. */
    @Override
    protected void createWeights(int[] inputShape, SplittableRandom seeded) {
        seed = seeded.nextLong();
    }

    /** @return how many masks training calls have drawn so far (the state of the mask generator) */
    public synchronized long masksDrawn() {
        return masksDrawn;
    }

    /**
     * Restores the state of the mask generator, e.g. when loading a saved model, so that the next
     * training call draws mask number {@code count}.
     *
     * @param count a count of masks, not negative
     * @return this layer
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public synchronized Dropout masksDrawn(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("Dropout: masksDrawn must not be negative. Received: masksDrawn=" + count);
        }
        masksDrawn = count;
        return this;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        checkInput(x);
        if (!training || rate == 0) {
            return x;
        }
        return x.mul(Storage.wrap(mask(x.size()), Storage.shape(x)));
    }

    /** Draws the next mask of 0 and {@code 1 / (1 - rate)}; synchronized because the count is shared. */
    private synchronized double[] mask(int size) {
        SplittableRandom random = new SplittableRandom(new SplittableRandom(seed + masksDrawn).nextLong());
        masksDrawn++;
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
