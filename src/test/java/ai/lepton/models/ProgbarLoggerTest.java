package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.layers.Dense;
import ai.lepton.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgbarLoggerTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong();

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private ProgbarLogger progbar(int verbose, boolean terminal, int epochs, int steps) {
        ProgbarLogger logger = new ProgbarLogger(nanos::get).verbose(verbose).output(out).terminal(terminal);
        logger.setParams(new TrainingParams(epochs, steps, 32));
        return logger;
    }

    /** Runs an epoch of {@code steps} batches of 2 ms each. */
    private void epoch(ProgbarLogger logger, int epoch, int steps, Map<String, Double> logs) {
        logger.onEpochBegin(epoch, new TreeMap<>());
        for (int b = 0; b < steps; b++) {
            nanos.addAndGet(2_000_000L);
            logger.onBatchEnd(b, logs);
        }
        logger.onEpochEnd(epoch, logs);
    }

    @Test
    void verboseOneOffATerminalPrintsOneLinePerEpoch() {
        ProgbarLogger logger = progbar(1, false, 2, 1875);
        Map<String, Double> logs = new TreeMap<>(Map.of("loss", 0.41234, "accuracy", 0.85117, "val_loss", 0.00042));
        epoch(logger, 0, 1875, logs);
        epoch(logger, 1, 1875, logs);
        String line = "1875/1875 ━━━━━━━━━━━━━━━━━━━━ 4s 2ms/step - accuracy: 0.8512 - loss: 0.4123 - val_loss: 4.2000e-04\n";
        assertEquals("Epoch 1/2\n" + line + "Epoch 2/2\n" + line, printed());
    }

    @Test
    void verboseTwoPrintsKerasPerEpochLine() {
        ProgbarLogger logger = progbar(2, false, 1, 3);
        epoch(logger, 0, 3, new TreeMap<>(Map.of("loss", 1.5)));
        assertEquals("3/3 - 0s - 2ms/step - loss: 1.5000\n", printed());
    }

    @Test
    void terminalRedrawsTheBarInPlace() {
        ProgbarLogger logger = progbar(1, true, 1, 100);
        logger.onEpochBegin(0, new TreeMap<>());
        nanos.addAndGet(80_000_000L);
        logger.onBatchEnd(79, new TreeMap<>(Map.of("loss", 0.5)));
        assertEquals("\r 80/100 ━━━━━━━━━━━━━━━━╺\033[2m━━━\033[0m 0s 1ms/step - loss: 0.5000", printed());
    }

    @Test
    void fitWritesToTheGivenStream() {
        Sequential model = new Sequential(new Dense(1).inputShape(1));
        model.compile("sgd", "mse");
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5}, 5, 1);
        model.fit(x, x, FitOptions.create().epochs(2).batchSize(2).verbose(2).output(out));
        String[] lines = printed().split("\n");
        assertEquals(4, lines.length, printed());
        assertEquals("Epoch 1/2", lines[0]);
        assertTrue(lines[1].matches("3/3 - \\d+s - \\d+(s|ms|us)/step - loss: \\d+\\.\\d{4}"), lines[1]);
    }

    @Test
    void timesAreFormattedAsKerasDoes() {
        assertEquals("59s", ProgbarLogger.duration(59.2));
        assertEquals("1:05", ProgbarLogger.duration(65));
        assertEquals("1:01:05", ProgbarLogger.duration(3665));
        assertEquals(" 2s/step", ProgbarLogger.perStep(2.2));
        assertEquals(" 14ms/step", ProgbarLogger.perStep(0.014));
        assertEquals(" 250us/step", ProgbarLogger.perStep(0.00025));
    }

    @Test
    void aShorterRedrawClearsWhatTheLongerOneLeft() {
        ProgbarLogger logger = progbar(1, true, 1, 100);
        logger.onEpochBegin(0, new TreeMap<>());
        nanos.addAndGet(80_000_000L);
        logger.onBatchEnd(39, new TreeMap<>(Map.of("loss", 12.5)));
        bytes.reset();
        nanos.addAndGet(80_000_000L);
        logger.onBatchEnd(40, new TreeMap<>(Map.of("loss", 2.5)));
        String redraw = printed();
        assertTrue(redraw.endsWith("loss: 2.5000 "), "one space over the stale digit: '" + redraw + "'");
    }
}
