package ai.lepton.callbacks;

import ai.lepton.layers.Variable;
import ai.lepton.models.Callback;
import ai.lepton.models.Model;
import ai.lepton.models.TrainingState;
import ai.lepton.optimizers.Optimizer;
import ai.lepton.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Backs training up so that an interrupted {@code fit} (a crash, a killed job, a pre-empted
 * machine) resumes exactly where it stopped, as Keras's {@code BackupAndRestore}: at the end of
 * every epoch (or every {@link #saveFreq} steps) it saves the model (weights, random state,
 * optimizer state) and the loop's position (epoch, step, the epoch's running sums) into a folder;
 * when a {@code fit} with the same callback starts and finds a backup there, it restores the model
 * from it and the loop continues from that step. With the same data and options, the resumed run
 * ends with the weights of the uninterrupted one, bit for bit, mid-epoch included. The backup is
 * deleted when training ends normally (unless {@link #deleteCheckpoint} is false).
 *
 * <pre>{@code
 * Path backup = Files.createTempDirectory("backup");
 * model.fit(x, y, FitOptions.create().epochs(20).verbose(0)
 *         .callbacks(new BackupAndRestore(backup).saveFreq(5)));   // resumes after a crash
 * }</pre>
 */
public final class BackupAndRestore implements Callback {
    private static final String MODEL = "model.lepton";
    private static final String STATE = "training-state.txt";

    private final Path dir;
    private int saveFreq;
    private boolean deleteCheckpoint = true;
    private Model model;
    private TrainingState restored;

    /**
     * @param backupDir the folder that holds the backup (created if missing); one folder per training run
     */
    public BackupAndRestore(Path backupDir) {
        if (backupDir == null) {
            throw new IllegalArgumentException("BackupAndRestore: the backup folder must be given");
        }
        this.dir = backupDir;
    }

    /**
     * @param steps back up every {@code steps} training steps as well as at each epoch's end
     *        (0, the default, backs up at epoch ends only: Keras's {@code save_freq="epoch"})
     * @return this callback
     * @throws IllegalArgumentException if {@code steps} is negative
     */
    public BackupAndRestore saveFreq(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("BackupAndRestore: saveFreq must not be negative. Received: saveFreq=" + steps);
        }
        saveFreq = steps;
        return this;
    }

    /**
     * @param on whether to delete the backup when training ends normally (default true)
     * @return this callback
     */
    public BackupAndRestore deleteCheckpoint(boolean on) {
        deleteCheckpoint = on;
        return this;
    }

    @Override
    public void setModel(Model trained) {
        model = trained;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        restored = null;
        Path file = dir.resolve(MODEL);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(dir.resolve(STATE))) {
            return;
        }
        Model backup = Model.load(file);
        Map<String, Variable> from = backup.variablesByPath();
        Map<String, Variable> to = model.variablesByPath();
        if (!from.keySet().equals(to.keySet())) {
            throw new IllegalStateException("BackupAndRestore: the backup in " + dir + " holds variables " + from.keySet()
                    + ", the model being trained has " + to.keySet() + "; use a new folder for another model");
        }
        to.forEach((path, v) -> v.assign(from.get(path).value()));
        Optimizer saved = backup.optimizer();
        if (saved != null && model.optimizer() != null) {
            Optimizer current = model.optimizer();
            current.iterations(saved.iterations());
            current.build(model.trainableWeights());
            List<Tensor> slots = saved.variables();
            if (!slots.isEmpty()) {
                current.setVariables(slots);
            }
        }
        restored = readState(dir.resolve(STATE));
    }

    @Override
    public TrainingState resumeFrom() {
        return restored;
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        if (saveFreq > 0 && (batch + 1) % saveFreq == 0) {
            backUp();
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        backUp();
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (deleteCheckpoint) {
            try {
                Files.deleteIfExists(dir.resolve(STATE));
                Files.deleteIfExists(dir.resolve(MODEL));
            } catch (IOException e) {
                throw new UncheckedIOException("BackupAndRestore: could not delete the backup in " + dir, e);
            }
        }
    }

    /** Saves the model, then the position: a state file always describes the model file beside it. */
    private void backUp() {
        TrainingState state = model.trainingState();
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(STATE));
            model.save(dir.resolve(MODEL));
            Path tmp = Files.createTempFile(dir, STATE, ".tmp");
            double[] sums = state.logs();
            String text = state.epoch() + " " + state.step() + "\n"
                    + (sums == null ? "" : Arrays.stream(sums).mapToObj(Double::toString).collect(Collectors.joining(" "))) + "\n";
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(STATE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore: could not back up to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static TrainingState readState(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String[] position = lines.get(0).trim().split(" ");
            double[] sums = lines.size() < 2 || lines.get(1).isBlank() ? null
                    : Arrays.stream(lines.get(1).trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
            return new TrainingState(Integer.parseInt(position[0]), Integer.parseInt(position[1]), sums);
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore: could not read " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("BackupAndRestore: " + file + " is damaged (" + e.getMessage()
                    + "); delete the folder to start over", e);
        }
    }
}
