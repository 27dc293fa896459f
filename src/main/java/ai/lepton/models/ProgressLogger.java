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
 * The {@code Epoch k/n} line appears when there is more than one epoch, as in Keras.
 */
final class ProgressLogger implements Callback {
    private static final int BAR_WIDTH = 20;
    private static final long REDRAW_NANOS = 50_000_000L;
    private static final String DIM = "\033[2m";
    private static final String RESET = "\033[0m";

    private final PrintStream out;
    private final int verbose;
    private final boolean terminal;
    private final int epochs;
    private final int steps;
    private final LongSupplier clock;
    private long start;
    private long lastDraw;
    private int seen;
    private int drawnWidth;

    /**
     * @param out where to print
     * @param verbose 1 or 2
     * @param terminal whether to redraw in place
     * @param epochs the epoch count shown in {@code Epoch k/n}
     * @param steps the batches per epoch
     * @param clock nanoseconds, e.g. {@code System::nanoTime}
     */
    ProgressLogger(PrintStream out, int verbose, boolean terminal, int epochs, int steps, LongSupplier clock) {
        this.out = out;
        this.verbose = verbose;
        this.terminal = terminal;
        this.epochs = epochs;
        this.steps = steps;
        this.clock = clock;
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
        if (verbose != 1 || !terminal || seen >= steps) {
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
        out.print("\r" + line);
        out.flush();
        drawnWidth = line.length() - DIM.length() - RESET.length();
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
        if (terminal && verbose == 1) {
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
