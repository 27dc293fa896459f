package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.layers.Dense;
import ai.lepton.optimizers.SGD;
import ai.lepton.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving a model: only what loads back, clear errors for folders, consistent snapshots while training. */
class SavedModelSafetyTest {
    private static final int EXAMPLES = 64;
    private static final int EPOCHS = 10;
    private static final int WIDTH = 384;
    private static final int BATCH = 4;

    @TempDir
    Path dir;

    @Test
    void aModelWhoseVariablesTakeTheNamesOfOptimizerSlotsIsNotSavedAndTheOldFileStays() throws IOException {
        // The nested models 'optimizer' > 'm' > 'dense' make the variable optimizer/m/dense/kernel, which is
        // also the name of Adam's slot m for the top-level layer dense/kernel.
        Sequential inner = new Sequential(new Dense(2).name("dense")).name("m");
        Sequential outer = new Sequential(new Dense(2).name("first").inputShape(2), new Sequential(inner).name("optimizer"),
                new Dense(2).name("dense"));
        outer.compile("adam", "mse");
        Tensor x = Tensor.rand(1, 8, 2);
        Path file = dir.resolve("m.lepton");
        outer.save(file);
        byte[] before = Files.readAllBytes(file);
        outer.fit(x, x, FitOptions.create().epochs(1).batchSize(8).verbose(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> outer.save(file));
        assertTrue(e.getMessage().contains("'optimizer/m/dense/kernel'") && e.getMessage().contains("rename the layer 'optimizer'"),
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        Model.load(file);
    }

    @Test
    void foldersAndPathsWithoutAFileNameAreClearErrors() throws IOException {
        Sequential model = new Sequential(new Dense(1).inputShape(1));
        Path folder = Files.createDirectory(dir.resolve("folder.lepton"));
        for (Path path : new Path[] {Path.of("/"), dir, folder, dir.resolve("folder.keras").resolve("..")}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.save(path), path.toString());
            assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.save(folder));
        assertTrue(e.getMessage().contains("it is a folder"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.saveWeights(Path.of("/")));
        assertThrows(java.io.UncheckedIOException.class, () -> Model.load(folder));
    }

    @Test
    void aSaveDuringFitOnAnotherThreadHoldsTheWeightsOfTheStepItsCountSays() throws Exception {
        Tensor x = Tensor.rand(3, EXAMPLES, 4);
        Tensor y = Tensor.rand(4, EXAMPLES, 2);
        // The reference: the weights after every step of an identical run.
        Map<Long, List<Integer>> byStep = new ConcurrentHashMap<>();
        Sequential reference = model();
        byStep.put(0L, weights(reference));
        reference.fit(x, y, options(new Callback() {
            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                byStep.put(reference.optimizer().iterations(), weights(reference));
            }
        }));

        Sequential training = model();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread fit = new Thread(() -> {
            try {
                training.fit(x, y, options(new Callback() { }));
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        fit.start();
        Path file = dir.resolve("snapshot.lepton");
        List<Long> seen = new ArrayList<>();
        while (fit.isAlive()) {
            training.save(file);
            Model snapshot = Model.load(file);
            long step = snapshot.optimizer().iterations();
            assertEquals(byStep.get(step), weights(snapshot), "the weights of the snapshot at step " + step);
            seen.add(step);
        }
        fit.join();
        assertEquals(null, failed.get());
        assertTrue(seen.stream().distinct().count() > 1, "snapshots were taken during training: steps " + seen);
    }

    private static Sequential model() {
        // Wide layers, so that the optimizer's update takes long enough for an unlocked save to see half of it.
        Sequential model = new Sequential(new Dense(WIDTH, "tanh").inputShape(4), new Dense(WIDTH, "tanh"), new Dense(2)).seed(7);
        model.compile(new SGD(0.001), "mse");
        return model;
    }

    private static FitOptions options(Callback callback) {
        return FitOptions.create().epochs(EPOCHS).batchSize(BATCH).seed(1).verbose(0).callbacks(callback);
    }

    /** The weights' hash codes, which differ if any bit of them does. */
    private static List<Integer> weights(Model model) {
        return model.getWeights().stream().map(w -> Arrays.hashCode(w.toArray())).toList();
    }
}
