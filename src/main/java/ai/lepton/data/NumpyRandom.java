package ai.lepton.data;

/**
 * NumPy's legacy {@code RandomState(seed).shuffle}: the Mersenne Twister MT19937 seeded as NumPy
 * seeds it from an integer, and its bounded draws by masked rejection. {@code keras.datasets}
 * shuffles IMDB and Boston Housing with {@code RandomState(113)}, and the same permutation here
 * gives the same train and test samples in the same order.
 */
final class NumpyRandom {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int index = N;

    /** @param seed the integer seed, as {@code np.random.RandomState(seed)} */
    NumpyRandom(long seed) {
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
    }

    /** @return the next 32 random bits, as {@code genrand_int32} */
    int nextInt() {
        if (index >= N) {
            for (int k = 0; k < N; k++) {
                int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
                mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            index = 0;
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        return y ^ (y >>> 18);
    }

    /** A uniform integer in {@code [0, max]} by masked rejection, as NumPy's {@code random_interval}. */
    long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        for (int shift = 1; shift <= 32; shift <<= 1) {
            mask |= mask >>> shift;
        }
        long value;
        do {
            value = (nextInt() & 0xffffffffL) & mask;
        } while (value > max);
        return value;
    }

    /**
     * {@code np.random.RandomState(seed).permutation(n)}: {@code arange(n)} shuffled in place.
     *
     * @param n the length
     * @return a permutation of {@code 0 .. n-1}
     */
    int[] permutation(int n) {
        int[] p = Shuffle.identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
