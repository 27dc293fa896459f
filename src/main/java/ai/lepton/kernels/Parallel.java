package ai.lepton.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lepton's thread policy: how many threads kernels may use, and a shared team of daemon worker threads to run them.
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
     * made from inside a body run inline on the calling thread, so nesting cannot deadlock; so do
     * calls from a second thread while another one has the workers. The first exception thrown by
     * a body is rethrown here after all chunks have stopped.
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
        if (workers <= 1 || INSIDE.get() || !Team.LOCK.tryLock()) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                runChunk(chunk, n, grain, body);
            }
            return;
        }
        Job job = new Job(body, n, grain, chunks, workers - 1);
        try {
            Team.start(job);
            INSIDE.set(Boolean.TRUE);
            try {
                job.work();
            } finally {
                INSIDE.set(Boolean.FALSE);
            }
            job.awaitDone();
        } finally {
            Team.LOCK.unlock();
        }
        Throwable failure = job.failure.get();
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private static void runChunk(int chunk, int n, int grain, RangeBody body) {
        int from = chunk * grain;
        body.run(from, (int) Math.min((long) from + grain, n));
    }

    /**
     * One {@link #forRange} call shared by the caller and {@code helpers} workers: chunks are
     * handed out in order from {@code next}, and the caller waits until all are {@code done}.
     * After a failure the remaining chunks are counted done without running.
     */
    private static final class Job {
        final RangeBody body;
        final int n;
        final int grain;
        final int chunks;
        final int helpers;
        final Thread caller = Thread.currentThread();
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(RangeBody body, int n, int grain, int chunks, int helpers) {
            this.body = body;
            this.n = n;
            this.grain = grain;
            this.chunks = chunks;
            this.helpers = helpers;
        }

        /** Runs chunks until none is left. */
        void work() {
            for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
                try {
                    if (failure.get() == null) {
                        runChunk(chunk, n, grain, body);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    if (done.incrementAndGet() == chunks) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        /** Waits (as the caller) until every chunk is done: the helpers write into the caller's arrays. */
        void awaitDone() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (done.get() < chunks) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }

    /**
     * How long an idle thread spins before it parks: a training step calls {@link #forRange}
     * every few tens of microseconds, and waking a parked thread costs about as long as many of
     * those calls take (docs/performance.md, "Tuning notes").
     */
    private static final long SPIN_NANOS = 100_000;

    /**
     * The persistent worker threads. A job is published in {@code current}; idle workers spin on
     * it for {@link #SPIN_NANOS}, then park until {@link #start} unparks them. Only the holder of
     * {@link #LOCK} starts jobs.
     */
    private static final class Team {
        static final ReentrantLock LOCK = new ReentrantLock();
        private static final List<Thread> WORKERS = new ArrayList<>();
        private static volatile Job current;

        private Team() {
        }

        /** Publishes {@code job} and wakes the workers it needs, creating any that are missing. */
        static void start(Job job) {
            while (WORKERS.size() < job.helpers) {
                int index = WORKERS.size();
                Thread worker = new Thread(() -> workLoop(index), "lepton-worker-" + (index + 1));
                worker.setDaemon(true);
                WORKERS.add(worker);
                worker.start();
            }
            current = job;
            for (int i = 0; i < job.helpers; i++) {
                LockSupport.unpark(WORKERS.get(i));
            }
        }

        private static void workLoop(int index) {
            INSIDE.set(Boolean.TRUE);
            Job seen = null;
            while (true) {
                Job job = current;
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                while (job == seen) {
                    if (System.nanoTime() < spinUntil) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(Team.class);
                    }
                    job = current;
                }
                seen = job;
                if (index < job.helpers) {
                    job.work();
                }
            }
        }
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
}
