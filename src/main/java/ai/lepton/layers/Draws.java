package ai.lepton.layers;

import ai.lepton.tensor.internal.Storage;
import java.util.SplittableRandom;

/**
 * The one implementation of {@link Randomized}'s rule: draw number {@code k} of a layer comes from
 * a generator seeded by the layer's build seed and {@code k}, and {@code k} lives in the layer's
 * state variable. Each method locks the layer, so concurrent training calls draw one after the
 * other.
 */
final class Draws {
    private static final long LIMIT = 1L << 53;

    private Draws() {
    }

    /**
     * The generator of a layer's next draw; counts the draw.
     *
     * @param layer the drawing layer, built
     * @param variable the name of its state variable holding the count
     * @return a generator seeded by the build seed and the number of the draw
     */
    static SplittableRandom next(Layer layer, String variable) {
        synchronized (layer) {
            double[] count = Storage.data(layer.weight(variable));
            long base = new SplittableRandom(layer.buildSeed()).nextLong();
            SplittableRandom random = new SplittableRandom(new SplittableRandom(base + (long) count[0]).nextLong());
            count[0]++;
            return random;
        }
    }

    /**
     * @param layer a drawing layer, built
     * @param variable the name of its count variable
     * @return how many draws it has made
     */
    static long count(Layer layer, String variable) {
        synchronized (layer) {
            return (long) Storage.data(layer.weight(variable))[0];
        }
    }

    /**
     * @param layer a drawing layer, for the message
     * @param count a number of draws
     * @throws IllegalArgumentException unless {@code count} is in {@code [0, 2^53)}
     */
    static void check(Layer layer, long count) {
        if (count < 0 || count >= LIMIT) {
            throw new IllegalArgumentException(layer.describe() + ": draws must be in [0, 2^53). Received: draws=" + count);
        }
    }

    /**
     * Sets the number of the next draw.
     *
     * @param layer a drawing layer, built
     * @param variable the name of its count variable
     * @param count not negative, below 2^53 (exact in the double the variable holds)
     * @throws IllegalArgumentException if {@code count} is out of range
     */
    static void set(Layer layer, String variable, long count) {
        check(layer, count);
        synchronized (layer) {
            Storage.data(layer.weight(variable))[0] = count;
        }
    }
}
