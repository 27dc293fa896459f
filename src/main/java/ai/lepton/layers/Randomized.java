package ai.lepton.layers;

/**
 * A layer whose training calls draw random numbers: dropout masks, noise, augmentations. Draw
 * number {@code k} comes from a generator seeded by the layer's build seed and {@code k} alone, and
 * the count of draws so far is a non-trainable state variable saved with the model, so a seeded
 * model draws the same numbers on every run, a loaded model goes on with exactly the draws an
 * uninterrupted run would have made, and a data-parallel worker given its own count draws its own.
 *
 * <pre>{@code
 * Dropout dropout = new Dropout(0.5);
 * dropout.build(new int[] {4}, 42L);
 * dropout.call(Tensor.ones(2, 4), true);
 * dropout.call(Tensor.ones(2, 4), true);
 * dropout.draws();          // 2
 * dropout.draws(1000);      // the next training call draws number 1000
 * }</pre>
 */
public interface Randomized {
    /** @return how many training calls have drawn random numbers so far (the generator's state) */
    long draws();

    /**
     * Sets the generator's state: the next training call draws number {@code count}.
     *
     * @param count not negative, below 2^53
     * @return this layer
     * @throws IllegalArgumentException if {@code count} is out of range
     * @throws IllegalStateException if the layer is not built yet
     */
    Layer draws(long count);
}
