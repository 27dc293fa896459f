package ai.lepton.models;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Keras 3's progress output ({@code ProgbarLogger}). {@code verbose} 1 on a terminal redraws a
 * bar in place with {@code \r}:
 * <pre>
 * Epoch 3/10
 * 1500/1875 ━━━━━━━━━━━━━━━━╺━━━ 2s 1ms/step - accuracy: 0.8512 - loss: 0.4123
 * </pre>
 * (the count, the bar, the estimated time left, the time per step, the running means), and ends
 * each epoch with the elapsed time and the epoch's values, validation included. When the output
 * is not a terminal, {@code verbose} 1 prints only that final line per epoch. {@code verbose} 2
 * prints one line per epoch: {@code 1875/1875 - 3s - 1ms/step - accuracy: 0.9120 - loss: 0.3011}.
 * The {@code Epoch k/n} line appears when there is more than one epoch, as in Keras. Each redraw
 * clears what a longer earlier line left on the terminal.
 *
 * <p>{@code fit} adds one, following {@link FitOptions#verbose} and {@link FitOptions#output},
 * unless its callbacks already hold a ProgbarLogger: give your own to choose the stream, the
 * verbosity or whether to redraw in place.
 *
 * <pre>{@code
 * ProgbarLogger progress = new ProgbarLogger().verbose(2).output(System.err);
 * model.fit(x, y, FitOptions.create().epochs(3).callbacks(progress));
 * }</pre>
 */
public final class ProgbarLogger implements Callback {
    private static final int BAR_WIDTH = 20;
    private static final long REDRAW_NANOS = 50_000_000L;
    private static final String DIM = "\033[2m";
    private static final String RESET = "\033[0m";

    private PrintStream out = System.out;
    private int verbose = 1;
    private Boolean terminal;
    private int epochs;
    private int steps;
    private final LongSupplier clock;
    private long start;
    private long lastDraw;
    private int seen;
    private int drawnWidth;

    /** A progress bar on standard output, redrawn in place when that is a terminal. */
    public ProgbarLogger() {
        this(System::nanoTime);
    }

    /**
     * @param clock nanoseconds, e.g. {@code System::nanoTime} (tests pass their own)
     */
    ProgbarLogger(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * @param level 1 for a bar (one line per epoch when the output is not a terminal), 2 for one line per epoch
     * @return this logger
     * @throws IllegalArgumentException for another level
     */
    public ProgbarLogger verbose(int level) {
        if (level != 1 && level != 2) {
            throw new IllegalArgumentException("ProgbarLogger: verbose must be 1 or 2. Received: verbose=" + level);
        }
        verbose = level;
        return this;
    }

    /**
     * @param stream where to print (default {@code System.out})
     * @return this logger
     */
    public ProgbarLogger output(PrintStream stream) {
        if (stream == null) {
            throw new IllegalArgumentException("ProgbarLogger: the output stream must not be null");
        }
        out = stream;
        return this;
    }

    /**
     * @param redraw whether to redraw the bar in place (default: when the output is {@code System.out}
     *        and the JVM has a console)
     * @return this logger
     */
    public ProgbarLogger terminal(boolean redraw) {
        terminal = redraw;
        return this;
    }

    @Override
    public void setParams(TrainingParams params) {
        epochs = params.epochs();
        steps = params.stepsPerEpoch();
    }

    private boolean redraws() {
        return terminal != null ? terminal : out == System.out && System.console() != null;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        if (epochs > 1) {
            out.println("Epoch " + (epoch + 1) + "/" + epochs);
        }
        start = clock.getAsLong();
        lastDraw = Long.MIN_VALUE;
        seen = 0;
        drawnWidth = 0;
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        seen = batch + 1;
        if (verbose != 1 || !redraws() || seen >= steps) {
            return;
        }
        long now = clock.getAsLong();
        if (lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double perStep = seconds(now - start) / seen;
        String line = count(seen, steps) + " " + bar(seen, steps) + " " + duration(perStep * (steps - seen))
                + perStep(perStep) + values(logs);
        int width = line.length() - DIM.length() - RESET.length();
        out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - width)));
        out.flush();
        drawnWidth = width;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        double elapsed = seconds(clock.getAsLong() - start);
        int done = Math.max(seen, 1);
        double perStep = elapsed / done;
        String line;
        if (verbose == 2) {
            line = count(done, done) + " - " + duration(elapsed) + " -" + perStep(perStep) + values(logs);
        } else {
            line = count(done, done) + " " + "━".repeat(BAR_WIDTH) + " " + duration(elapsed) + perStep(perStep) + values(logs);
        }
        if (redraws() && verbose == 1) {
            out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())) + "\n");
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** {@code 1500/1875}, the count padded to the target's width as Keras does. */
    static String count(int current, int target) {
        String t = Integer.toString(target);
        return String.format(Locale.ROOT, "%" + t.length() + "d/%s", current, t);
    }

    /** The bar: done steps in heavy lines, a half-line head, the rest dimmed. */
    static String bar(int current, int target) {
        int done = (int) ((long) BAR_WIDTH * current / target);
        if (done >= BAR_WIDTH) {
            return "━".repeat(BAR_WIDTH);
        }
        return "━".repeat(done) + "╺" + DIM + "━".repeat(BAR_WIDTH - done - 1) + RESET;
    }

    /** Keras's {@code 3s}, or {@code 1:05} past a minute, {@code 1:01:05} past an hour. */
    static String duration(double secs) {
        long s = Math.round(secs);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return s + "s";
    }

    /** Keras's time per step: {@code " 2s/step"}, {@code " 14ms/step"} or {@code " 250us/step"}. */
    static String perStep(double secs) {
        if (secs >= 1 || secs == 0) {
            return " " + Math.round(secs) + "s/step";
        }
        if (secs >= 1e-3) {
            return " " + Math.round(secs * 1e3) + "ms/step";
        }
        return " " + Math.round(secs * 1e6) + "us/step";
    }

    /** {@code " - accuracy: 0.8512 - loss: 0.4123"}, keys sorted, 4 decimals (scientific below 1e-3). */
    static String values(Map<String, Double> logs) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Double> e : new TreeMap<>(logs).entrySet()) {
            double v = e.getValue();
            text.append(" - ").append(e.getKey()).append(": ")
                    .append(String.format(Locale.ROOT, Math.abs(v) > 1e-3 ? "%.4f" : "%.4e", v));
        }
        return text.toString();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
