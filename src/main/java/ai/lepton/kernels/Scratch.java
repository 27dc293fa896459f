package ai.lepton.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * Scratch memory with one lifetime rule: the large temporary arrays of a computation (im2col
 * matrices, transformed tiles, masked gradients) come from one scope, and closing the scope gives
 * every one of them back to a shared pool, in full. Nothing returns an array by hand, so no array
 * can go back twice or while its taker still uses it.
 *
 * <p>Why a pool: a training step of a small CNN needs tens of megabytes of such temporaries, and
 * fresh arrays that size are "humongous" objects for G1 that touch new pages; the page faults and
 * collections would cost more than the arithmetic on them. The pool keeps at most
 * {@link #MAX_POOLED} arrays, and each array is in at most one open scope, so concurrent callers
 * (e.g. {@code predict} from several threads) never share one.
 *
 * <p>A scope lives as long as what it holds is needed: a {@code try} block for the temporaries
 * of one call, or, for what a convolution's forward pass keeps for backward, until that backward
 * pass is done ({@link Convolution.Pass}). A taken array's contents are arbitrary: its taker
 * overwrites what it reads. A scope's arrays must not be used after it is closed.
 *
 * <pre>{@code
 * SlidingWindow window = new SlidingWindow(1, 28, 28, 1, 3, 3, 1, 1, Padding.VALID);
 * double[] image = Tensor.rand(1, 28, 28).toArray();
 * try (Scratch scratch = Scratch.open()) {
 *     double[] cols = scratch.take((int) window.positions() * window.patchSize());
 *     Im2Col.im2col(window, image, 0, cols, 0);   // one 3×3 patch per output pixel
 * }                                              // cols is back in the pool
 * }</pre>
 */
public final class Scratch implements AutoCloseable {

    /** Enough for every temporary of a few conv layers in flight, forward and backward. */
    static final int MAX_POOLED = 8;

    /** Arrays shorter than this are cheap to allocate and not worth pooling. */
    static final int MIN_POOLED = 4096;

    private static final List<double[]> FREE = new ArrayList<>();

    /** The pooled arrays this scope has taken, to give back on close; null once closed. */
    private List<double[]> taken = new ArrayList<>(4);

    private Scratch() {
    }

    /**
     * Opens a scope.
     *
     * @return a scope holding no arrays yet
     */
    public static Scratch open() {
        return new Scratch();
    }

    /**
     * An array of at least {@code length} elements with arbitrary contents, this scope's until it
     * closes: the smallest free one in the pool that fits, or a new one.
     *
     * @param length the number of elements needed, at least 0
     * @return the array
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws IllegalStateException if the scope is closed
     */
    public double[] take(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("Scratch.take: length must be >= 0. Received: " + length);
        }
        synchronized (this) {
            if (taken == null) {
                throw new IllegalStateException("Scratch.take: the scope is closed");
            }
            if (length < MIN_POOLED) {
                return new double[length];
            }
            double[] array = reuse(length);
            taken.add(array);
            return array;
        }
    }

    /**
     * Gives every array this scope has taken back to the pool (dropping the smallest ones the pool
     * has no room for). Closing again does nothing.
     */
    @Override
    public void close() {
        List<double[]> arrays;
        synchronized (this) {
            arrays = taken;
            taken = null;
        }
        if (arrays == null) {
            return;
        }
        synchronized (FREE) {
            for (double[] array : arrays) {
                FREE.add(array);
                if (FREE.size() > MAX_POOLED) {
                    FREE.remove(smallest());
                }
            }
        }
    }

    /** The smallest free array of at least {@code length} elements, removed from the pool, or a new one. */
    private static double[] reuse(int length) {
        synchronized (FREE) {
            int best = -1;
            for (int i = 0; i < FREE.size(); i++) {
                int size = FREE.get(i).length;
                if (size >= length && (best < 0 || size < FREE.get(best).length)) {
                    best = i;
                }
            }
            if (best >= 0) {
                return FREE.remove(best);
            }
        }
        return new double[length];
    }

    /** The index of the smallest free array; the caller holds the pool's lock. */
    private static int smallest() {
        int smallest = 0;
        for (int i = 1; i < FREE.size(); i++) {
            if (FREE.get(i).length < FREE.get(smallest).length) {
                smallest = i;
            }
        }
        return smallest;
    }
}
