package ai.lepton.layers;

import java.util.SplittableRandom;

/**
 * Fills a new weight of a given shape with starting values; see {@link Initializers} for Keras's
 * named ones ({@code glorot_uniform}, {@code he_normal}, {@code zeros}, ...).
 *
 * <pre>{@code
 * Initializer init = Initializers.get("he_normal");
 * double[] kernel = init.initialize(new int[] {784, 128}, new SplittableRandom(42));
 * }</pre>
 */
@FunctionalInterface
public interface Initializer {
    /**
     * @param shape the weight's dimensions; for kernels the last two are (fan in, fan out) per receptive-field position
     * @param random the seeded random source (advanced)
     * @return the values, row-major, of {@code shape}'s size
     */
    double[] initialize(int[] shape, SplittableRandom random);
}
