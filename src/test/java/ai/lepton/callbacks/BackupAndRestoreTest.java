package ai.lepton.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.data.DataLoader;
import ai.lepton.data.Dataset;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Dropout;
import ai.lepton.models.Callback;
import ai.lepton.models.FitOptions;
import ai.lepton.models.History;
import ai.lepton.models.Sequential;
import ai.lepton.optimizers.Adam;
import ai.lepton.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupted fit resumed from its backup ends with the uninterrupted run's weights, bit for bit. */
class BackupAndRestoreTest {
    private static final int EPOCHS = 4;

    /** A crash: thrown from a callback at a given epoch and step, after the backup of the step before. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("simulated crash");
        }
    }

    private static Sequential model() {
        Sequential model = new Sequential(new Dense(8, "relu").inputShape(4), new Dropout(0.25), new Dense(3, "softmax")).seed(21);
        model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    private static DataLoader data() {
        Tensor x = Tensor.randn(1, 44, 4);
        return DataLoader.of(Dataset.of(x, x.matmul(Tensor.randn(2, 4, 3)).argmax(1)), 8).shuffle(7);
    }

    private static Callback crashAt(int epoch, int step) {
        return new Callback() {
            private int current;

            @Override
            public void onEpochBegin(int e, Map<String, Double> logs) {
                current = e;
            }

            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                if (current == epoch && batch == step) {
                    throw new Crash();
                }
            }
        };
    }

    @Test
    void aRunInterruptedMidEpochResumesToTheWeightsAndLogsOfTheUninterruptedOne(@TempDir Path dir) {
        Sequential straight = model();
        History expected = straight.fit(data(), FitOptions.create().epochs(EPOCHS).verbose(0));

        Path backup = dir.resolve("backup");
        Sequential crashed = model();
        // The backup runs after every step; the crash comes at step 3 of epoch 2, after that step's backup.
        BackupAndRestore saver = new BackupAndRestore(backup).saveFreq(1);
        assertThrows(Crash.class, () -> crashed.fit(data(), FitOptions.create().epochs(EPOCHS).verbose(0)
                .callbacks(saver, crashAt(2, 3))));
        assertTrue(Files.exists(backup.resolve("model.lepton")), "the backup survives the crash");

        Sequential restarted = model();
        History resumed = restarted.fit(data(), FitOptions.create().epochs(EPOCHS).verbose(0)
                .callbacks(new BackupAndRestore(backup).saveFreq(1)));
        List<Tensor> a = straight.getWeights();
        List<Tensor> b = restarted.getWeights();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).toArray(), b.get(i).toArray(), 0.0, "weight " + i);
        }
        assertEquals(List.of(2, 3), resumed.epochs(), "the resumed run finishes epoch 2, then runs epoch 3");
        assertEquals(expected.loss().subList(2, EPOCHS), resumed.loss(), "the running means continue exactly");
        assertEquals(expected.metric("accuracy").subList(2, EPOCHS), resumed.metric("accuracy"));
        assertEquals(straight.optimizer().iterations(), restarted.optimizer().iterations());
        assertFalse(Files.exists(backup.resolve("model.lepton")), "a finished run deletes its backup");
    }

    @Test
    void backingUpAtEpochEndsResumesAtTheNextEpoch(@TempDir Path dir) {
        Sequential straight = model();
        straight.fit(data(), FitOptions.create().epochs(EPOCHS).verbose(0));
        Path backup = dir.resolve("backup");
        assertThrows(Crash.class, () -> model().fit(data(), FitOptions.create().epochs(EPOCHS).verbose(0)
                .callbacks(new BackupAndRestore(backup), crashAt(1, 2))));
        Sequential restarted = model();
        History resumed = restarted.fit(data(), FitOptions.create().epochs(EPOCHS).verbose(0)
                .callbacks(new BackupAndRestore(backup).deleteCheckpoint(false)));
        assertEquals(List.of(1, 2, 3), resumed.epochs(), "epoch 1 had not ended: it runs again from its start");
        assertArrayEquals(straight.getWeights().get(0).toArray(), restarted.getWeights().get(0).toArray(), 0.0);
        assertTrue(Files.exists(backup.resolve("model.lepton")), "deleteCheckpoint(false) keeps it");
    }

    @Test
    void aBackupOfAnotherModelIsRefused(@TempDir Path dir) {
        Path backup = dir.resolve("backup");
        assertThrows(Crash.class, () -> model().fit(data(), FitOptions.create().epochs(2).verbose(0)
                .callbacks(new BackupAndRestore(backup), crashAt(1, 0))));
        Sequential other = new Sequential(new Dense(3, "softmax").inputShape(4));
        other.compile("sgd", "sparse_categorical_crossentropy");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.fit(data(),
                FitOptions.create().epochs(2).verbose(0).callbacks(new BackupAndRestore(backup))));
        assertTrue(e.getMessage().contains("use a new folder"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BackupAndRestore(dir).saveFreq(-1));
    }
}
