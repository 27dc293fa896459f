package ai.lepton.spark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import ai.lepton.models.Callback;

/**
 * The driver's progress report: one line per epoch, as Keras's {@code verbose=2}, with the
 * epoch's time and throughput, e.g. {@code Epoch 1/5 - 4.1s - 1463 samples/s - loss: 0.5123 - accuracy: 0.8204}.
 */
final class EpochLine implements Callback {
    private final PrintStream out;
    private final int epochs;
    private final long examplesPerEpoch;
    private long start;

    /**
     * @param out where the lines go
     * @param epochs the epoch to stop before
     * @param examplesPerEpoch examples trained per epoch
     */
    EpochLine(PrintStream out, int epochs, long examplesPerEpoch) {
        this.out = out;
        this.epochs = epochs;
        this.examplesPerEpoch = examplesPerEpoch;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        start = System.nanoTime();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Epoch %d/%d - %.1fs - %.0f samples/s", epoch + 1,
                epochs, seconds, examplesPerEpoch / seconds));
        logs.forEach((k, v) -> line.append(String.format(Locale.ROOT, " - %s: %.4f", k, v)));
        out.println(line);
    }
}
