package ai.lepton.layers;

import java.util.SplittableRandom;

/**
 * The base of the layers that draw random noise while training, as {@link Dropout} does: the
 * spatial dropouts, {@link GaussianNoise}, {@link GaussianDropout} and {@link AlphaDropout}. The
 * output has the input's shape, and inference is the identity.
 *
 * <p>The noise of training call number {@code k} comes from a generator seeded by the layer's seed
 * and {@code k} alone. The count of draws is the state variable {@code masks_drawn}, saved with the
 * model, so a seeded model draws the same noise on every run and a loaded model goes on with
 * exactly the noise an uninterrupted run would have drawn. Calls are safe from several threads.
 *
 * <pre>{@code
 * GaussianNoise noise = new GaussianNoise(0.1);
 * noise.build(new int[] {4}, 42L);
 * Tensor noisy = noise.call(Tensor.ones(8, 4), true);   // draw number 0
 * long drawn = noise.draws();                           // 1
 * }</pre>
 */
public abstract class NoiseLayer extends Layer implements Randomized {
    private static final String COUNT = "masks_drawn";

    /** For subclasses. */
    protected NoiseLayer() {
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
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public long draws() {
        return Draws.count(this, COUNT);
    }

    @Override
    public NoiseLayer draws(long count) {
        Draws.set(this, COUNT, count);
        return this;
    }

    /**
     * The generator of the next training call's noise, counted as drawn.
     *
     * @return a generator seeded by the layer's seed and the count of earlier draws
     */
    protected final SplittableRandom nextGenerator() {
        return Draws.next(this, COUNT);
    }

    /**
     * Checks a rate in {@code [0, 1)}, as the dropout layers take.
     *
     * @param owner the layer's class name, for the message
     * @param rate the value received
     * @return {@code rate}
     * @throws IllegalArgumentException if it is outside {@code [0, 1)}
     */
    static double requireRate(String owner, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(owner + ": rate must be a number in [0, 1). Received: rate=" + rate);
        }
        return rate;
    }
}
