package ai.lepton.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.layers.Dense;
import ai.lepton.layers.Dropout;
import ai.lepton.models.FitOptions;
import ai.lepton.models.History;
import ai.lepton.models.Sequential;
import ai.lepton.optimizers.Adam;
import ai.lepton.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {
    private static final Tensor X = Tensor.randn(3, 48, 5);
    private static final Tensor Y = X.sum(1, true).tanh();
    private static final Tensor VAL_X = Tensor.randn(4, 16, 5);
    private static final Tensor VAL_Y = VAL_X.sum(1, true).tanh();

    @TempDir
    Path dir;

    private static Sequential model() {
        Sequential model = new Sequential(new Dense(16, "relu").inputShape(5), new Dropout(0.2), new Dense(1)).seed(8);
        model.compile(new Adam(0.02), "mse", "mae");
        return model;
    }

    private static FitOptions options(int epochs, ModelCheckpoint... checkpoints) {
        return FitOptions.create().epochs(epochs).batchSize(8).seed(1).verbose(0).validationData(VAL_X, VAL_Y)
                .callbacks(checkpoints);
    }

    private List<String> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertBitIdentical(List<Tensor> expected, List<Tensor> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).toArray(), actual.get(i).toArray(), 0.0, "weight " + i);
        }
    }

    @Test
    void savesEveryEpochUnderThePatternWithTheEpochAndTheMetric() throws IOException {
        Path folder = dir.resolve("every");
        ModelCheckpoint checkpoint = new ModelCheckpoint(folder + "/ckpt-{epoch:02d}-{val_loss:.4f}.lepton");
        History history = model().fit(X, Y, options(3, checkpoint));
        List<String> expected = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            expected.add(String.format(Locale.ROOT, "ckpt-%02d-%.4f.lepton", e + 1, history.metric("val_loss").get(e)));
        }
        assertEquals(expected, files(folder));
        assertEquals(folder.resolve(expected.get(2)).toString(), checkpoint.lastSaved().toString());
    }

    @Test
    void bestOnlySavesWhenTheMonitoredValueImproves() throws IOException {
        for (String mode : new String[] {"min", "max"}) {
            Path folder = dir.resolve("best-" + mode);
            ModelCheckpoint checkpoint = new ModelCheckpoint(folder + "/e{epoch}.lepton").monitor("val_mae").mode(mode)
                    .saveBestOnly(true);
            History history = model().fit(X, Y, options(8, checkpoint));
            List<Double> values = history.metric("val_mae");
            List<String> expected = new ArrayList<>();
            double best = Double.NaN;
            for (int e = 0; e < values.size(); e++) {
                double v = values.get(e);
                if (Double.isNaN(best) || (mode.equals("min") ? v < best : v > best)) {
                    best = v;
                    expected.add("e" + (e + 1) + ".lepton");
                }
            }
            assertTrue(expected.size() < values.size(), mode + ": some epochs must not improve for the test to mean anything: " + values);
            assertEquals(expected.stream().sorted().toList(), files(folder), mode + " " + values);
            assertEquals(best, checkpoint.best());
        }
    }

    @Test
    void resumingFromACheckpointEqualsTheUninterruptedRun() {
        Path folder = dir.resolve("resume");
        Sequential straight = model();
        straight.fit(X, Y, options(4, new ModelCheckpoint(folder + "/ckpt-{epoch:02d}.lepton")));

        Sequential resumed = Sequential.load(folder.resolve("ckpt-02.lepton"));
        History rest = resumed.fit(X, Y, options(4).initialEpoch(2));
        assertEquals(List.of(2, 3), rest.epochs());
        assertBitIdentical(straight.getWeights(), resumed.getWeights());
        assertBitIdentical(Sequential.load(folder.resolve("ckpt-04.lepton")).getWeights(), resumed.getWeights());
    }

    @Test
    void fileNamesFollowPythonFormatSpecs() {
        ModelCheckpoint c = new ModelCheckpoint("m-{epoch}-{epoch:03d}-{loss:.2f}-{loss:.1e}-{loss:8.3f}-{loss:d}.lepton");
        assertEquals("m-7-007-0.13-1.3e-01-   0.125-0.lepton", c.fileName(6, Map.of("loss", 0.125)));
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> new ModelCheckpoint("{val_acc:.2f}").fileName(0, Map.of("loss", 1.0)));
        assertTrue(missing.getMessage().contains("'val_acc'"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("{epoch:.2d}"));
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("{loss:%s}"));
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("x").mode("best"));
    }
}
