package ai.lepton.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recycles the large arrays of one training step (layer outputs, input gradients) in the next.
 *
 * <p>Why: a training step of a small CNN creates about 20 MB of such arrays, and Java zeroes every
 * new array on the thread that creates it, while the other cores wait (docs/performance.md,
 * "Tuning notes"). The sizes repeat from step to step, so the arrays of step n can serve step
 * n + 1, once nothing of step n is in use any more. Temporaries that never leave a kernel call
 * are not the arena's: the kernels take them from {@link ai.lepton.kernels.Scratch}.
 *
 * <p>The contract: {@code fit}'s loop {@link #begin begins} each step on its thread and
 * {@link #close closes} it when the step (forward, backward, optimizer update, metrics) is done,
 * and nothing computed inside a step may be used after the next one begins; values that leave a
 * step (the loss, metric updates) are plain numbers, and leaves copy their gradients. Ops take
 * output and gradient arrays through {@link Op#newArray}, which is a plain {@code new double[]}
 * outside a step. A recycled array holds old values, so an op must write every element of
 * what it takes.
 *
 * <pre>{@code
 * StepArena arena = new StepArena();
 * Tensor kernel = Tensor.randn(0, 784, 128).requiresGrad(true);
 * for (int step = 0; step < 3; step++) {
 *     try (StepArena scope = arena.begin()) {       // steps 2 and 3 reuse step 1's arrays
 *         Tensor loss = DenseOp.apply(Tensor.randn(step, 256, 784), kernel, null, true).sum();
 *         loss.backward();                           // kernel.grad() is a copy: it outlives the step
 *     }
 *     kernel.zeroGrad();
 * }
 * }</pre>
 */
public final class StepArena implements AutoCloseable {

    /** Arrays shorter than this are cheap to create and not worth recycling. */
    static final int MIN_RECYCLED = 16_384;

    private static final ThreadLocal<StepArena> ACTIVE = new ThreadLocal<>();

    /** Arrays of the step before the current one, by length, free to hand out. */
    private Map<Integer, ArrayDeque<double[]>> free = new HashMap<>();
    /** Arrays handed out in the current step. */
    private final List<double[]> lent = new ArrayList<>();

    /** Creates an arena with no arrays yet. */
    public StepArena() {
    }

    /**
     * Begins a step on this thread: the arrays handed out in the previous step become free
     * (the ones no step has asked for since are dropped, so the arena holds at most two steps'
     * arrays).
     *
     * @return this arena, to close when the step is done
     * @throws IllegalStateException if a step is already active on this thread
     */
    public StepArena begin() {
        if (ACTIVE.get() != null) {
            throw new IllegalStateException("A training step is already active on this thread");
        }
        Map<Integer, ArrayDeque<double[]>> next = new HashMap<>();
        for (double[] array : lent) {
            next.computeIfAbsent(array.length, length -> new ArrayDeque<>()).add(array);
        }
        lent.clear();
        free = next;
        ACTIVE.set(this);
        return this;
    }

    /** Ends the step on this thread: ops create fresh arrays again until the next {@link #begin}. */
    @Override
    public void close() {
        ACTIVE.remove();
    }

    /**
     * An array of exactly {@code length} elements: during a step, one from the previous step if
     * there is one (with its old contents), else a new, zeroed one.
     */
    static double[] take(int length) {
        StepArena arena = ACTIVE.get();
        if (arena == null || length < MIN_RECYCLED) {
            return new double[length];
        }
        ArrayDeque<double[]> same = arena.free.get(length);
        double[] array = same == null || same.isEmpty() ? new double[length] : same.poll();
        arena.lent.add(array);
        return array;
    }
}
