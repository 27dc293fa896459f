package ai.lepton.data;

import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the examples: one seeded permutation addressed by
 * {@code (seed, epoch)} alone, so that epoch {@code e} is the same whenever it runs. Every data
 * source orders its examples through it (tensors given to {@code fit}, {@link DataLoader}s,
 * Spark's partitions), which is what makes resuming training from a checkpoint at epoch {@code e}
 * repeat the uninterrupted run exactly.
 *
 * <pre>{@code
 * int[] first = Shuffle.order(5, 42, 0);    // e.g. {3, 0, 4, 1, 2}
 * int[] again = Shuffle.order(5, 42, 0);    // the same
 * int[] second = Shuffle.order(5, 42, 1);   // another order
 * }</pre>
 */
public final class Shuffle {
    private Shuffle() {
    }

    /**
     * A Fisher-Yates permutation of {@code 0 .. n-1} drawn from a generator seeded by the seed
     * and the epoch.
     *
     * @param n the number of examples, not negative
     * @param seed the shuffling seed
     * @param epoch the 0-based epoch
     * @return a new array holding each index once
     */
    public static int[] order(int n, long seed, int epoch) {
        return permutation(n, new SplittableRandom(new SplittableRandom(seed + epoch).nextLong()));
    }

    /**
     * The examples in order, for sources that do not shuffle.
     *
     * @param n the number of examples
     * @return {@code {0, 1, ..., n-1}}
     */
    public static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /** A Fisher-Yates shuffle from the last position down, drawing from {@code random}. */
    static int[] permutation(int n, SplittableRandom random) {
        int[] p = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
