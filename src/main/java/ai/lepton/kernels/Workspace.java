package ai.lepton.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * A small, thread-safe pool of large scratch arrays (im2col matrices, their gradients, masked
 * gradients) that ops reuse from one batch to the next instead of allocating them afresh.
 *
 * <p>Why: a training step of a small CNN needs tens of megabytes of such temporaries. Fresh
 * arrays that size are "humongous" objects for G1 and touch new pages, and the page faults and
 * collections cost more than the arithmetic on them. The pool holds at most {@link #MAX_ARRAYS}
 * arrays; each {@link #take} hands an array to exactly one caller, so concurrent callers (e.g.
 * {@code predict} from several threads) never share one.
 *
 * <p>The contract: an array is given back only when its taker holds no other reference that will
 * still be used. A taken array's contents are arbitrary: the taker overwrites what it reads.
 *
 * <pre>{@code
 * double[] cols = Workspace.take(rows * patch);
 * try {
 *     Im2Col.im2col(window, x, 0, cols, 0);
 *     Gemm.gemm(false, false, rows, filters, patch, cols, 0, patch, w, 0, filters, y, 0, filters, false);
 * } finally {
 *     Workspace.give(cols);
 * }
 * }</pre>
 */
public final class Workspace {

    /** Enough for every temporary of a few conv layers in flight, forward and backward. */
    static final int MAX_ARRAYS = 8;

    /** Arrays shorter than this are cheap to allocate and not worth pooling. */
    static final int MIN_POOLED = 4096;

    private static final List<double[]> FREE = new ArrayList<>();

    private Workspace() {
    }

    /**
     * An array of at least {@code length} elements with arbitrary contents: the smallest free one
     * that fits, or a new one.
     *
     * @param length the number of elements needed, at least 0
     * @return an array owned by the caller until it is given back
     * @throws IllegalArgumentException if {@code length} is negative
     */
    public static double[] take(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("Workspace.take: length must be >= 0. Received: " + length);
        }
        if (length >= MIN_POOLED) {
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
        }
        return new double[length];
    }

    /**
     * Returns an array to the pool; when the pool is full the smallest array is dropped instead.
     * The caller must not use the array afterwards.
     *
     * @param array an array from {@link #take} (or any array no one else references), or {@code null}
     */
    public static void give(double[] array) {
        if (array == null || array.length < MIN_POOLED) {
            return;
        }
        synchronized (FREE) {
            FREE.add(array);
            if (FREE.size() > MAX_ARRAYS) {
                int smallest = 0;
                for (int i = 1; i < FREE.size(); i++) {
                    if (FREE.get(i).length < FREE.get(smallest).length) {
                        smallest = i;
                    }
                }
                FREE.remove(smallest);
            }
        }
    }
}
