package ai.lepton.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lepton's thread policy: how many threads kernels may use, and a shared daemon pool to run them.
 *
 * <p>Work is always cut into the same fixed chunks, whatever the thread count, and each chunk is
 * computed by exactly one thread with a fixed order of operations. The thread count therefore
 * changes only the speed, never a single bit of a result.
 *
 * <p>The count comes from the system property {@code lepton.threads} when set, otherwise from
 * {@link Runtime#availableProcessors()}, and can be changed at any time with
 * {@link #setThreads(int)}.
 *
 * <pre>{@code
 * Parallel.setThreads(2);
 * Parallel.forRange(rows, 64, (from, to) -> {
 *     for (int r = from; r < to; r++) {
 *         process(r);
 *     }
 * });
 * }</pre>
 */
public final class Parallel {

    /** A piece of work over the half-open index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {

        /**
         * Processes the indices {@code from} (inclusive) to {@code to} (exclusive).
         *
         * @param from first index, inclusive
         * @param to   last index, exclusive
         */
        void run(int from, int to);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Parallel.class);
    private static final String THREADS_PROPERTY = "lepton.threads";

    private static volatile int threads = initialThreads();

    /** Marks threads that are already inside a {@code forRange}: nested calls run inline. */
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Parallel() {
    }

    /**
     * Returns the number of threads kernels may use (at least 1).
     *
     * @return the current thread count
     */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads kernels may use; results do not depend on it.
     *
     * @param count the thread count, at least 1
     * @throws IllegalArgumentException if {@code count < 1}
     */
    public static void setThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("Thread count must be at least 1. Received: count=" + count);
        }
        threads = count;
    }

    /**
     * Runs {@code body} over {@code [0, n)} cut into the fixed chunks
     * {@code [0, grain), [grain, 2·grain), ...} (the last one shorter), using up to
     * {@link #threads()} threads, and returns when every chunk is done.
     *
     * <p>The chunks depend only on {@code n} and {@code grain}; each is run exactly once. Calls
     * made from inside a body run inline on the calling thread, so nesting cannot deadlock the
     * pool. The first exception thrown by a body is rethrown here after all chunks have stopped.
     *
     * @param n     number of indices, at least 0
     * @param grain chunk length, at least 1
     * @param body  the work for one chunk; must only write to locations no other chunk writes
     * @throws IllegalArgumentException if {@code n < 0} or {@code grain < 1}
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n < 0 || grain < 1) {
            throw new IllegalArgumentException(
                    "forRange needs n >= 0 and grain >= 1. Received: n=" + n + ", grain=" + grain);
        }
        int chunks = (int) ((n + (long) grain - 1) / grain);
        int workers = Math.min(threads, chunks);
        if (workers <= 1 || INSIDE.get()) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                runChunk(chunk, n, grain, body);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            boolean wasInside = INSIDE.get();
            INSIDE.set(Boolean.TRUE);
            try {
                for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
                    runChunk(chunk, n, grain, body);
                }
            } finally {
                INSIDE.set(wasInside);
            }
        };
        List<Future<?>> helpers = new ArrayList<>(workers - 1);
        for (int w = 1; w < workers; w++) {
            helpers.add(Pool.EXECUTOR.submit(worker));
        }
        Throwable failure = null;
        try {
            worker.run();
        } catch (RuntimeException | Error e) {
            failure = e;
            // Let the helpers finish quickly: no chunk is handed out any more.
            next.set(chunks);
        }
        failure = awaitAll(helpers, failure);
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
    }

    private static void runChunk(int chunk, int n, int grain, RangeBody body) {
        int from = chunk * grain;
        body.run(from, (int) Math.min((long) from + grain, n));
    }

    /** Waits for every helper (they write into the caller's arrays) even if interrupted. */
    private static Throwable awaitAll(List<Future<?>> helpers, Throwable firstFailure) {
        Throwable failure = firstFailure;
        boolean interrupted = false;
        for (Future<?> helper : helpers) {
            while (true) {
                try {
                    helper.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failure;
    }

    private static int initialThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        String value = System.getProperty(THREADS_PROPERTY);
        if (value == null) {
            return cores;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Fall through to the warning below: a bad property must not stop the library loading.
        }
        LOG.warn("Ignoring -D{}={}: expected a whole number >= 1; using {} threads", THREADS_PROPERTY, value, cores);
        return cores;
    }

    /** Holds the pool so that it is only created when first needed. */
    private static final class Pool {
        static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "lepton-worker");
            thread.setDaemon(true);
            return thread;
        });
    }
}
