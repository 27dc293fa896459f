package ai.lepton.spark;

import ai.lepton.models.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.broadcast.Broadcast;

/**
 * Ships a model to the executors as the bytes of its model file ({@link Model#save}), which
 * keeps it bit for bit, optimizer and Dropout state included, and keeps on each executor thread
 * the model of the last broadcast it used, so that a model is read once per thread, not once per
 * task. Each task thread has its own copy because training computes gradients inside the model.
 */
final class ModelBytes {
    private static final ThreadLocal<Loaded> LOADED = new ThreadLocal<>();

    private record Loaded(long broadcastId, Model model) {
    }

    private ModelBytes() {
    }

    /**
     * @param model the model (not modified)
     * @return the bytes of its model file
     */
    static byte[] of(Model model) {
        try {
            Path file = Files.createTempFile("lepton-spark-", ".lepton");
            try {
                model.save(file);
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialize the model through a temporary file", e);
        }
    }

    /**
     * @param bytes the bytes of a model file
     * @return the model they hold
     */
    static Model read(byte[] bytes) {
        try {
            Path file = Files.createTempFile("lepton-spark-", ".lepton");
            try {
                Files.write(file, bytes);
                return Model.load(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the model through a temporary file", e);
        }
    }

    /**
     * This thread's copy of a broadcast model, read from the broadcast the first time.
     *
     * @param model the broadcast bytes of a model file
     * @return the model, private to this thread
     */
    static Model onThisThread(Broadcast<byte[]> model) {
        Loaded loaded = LOADED.get();
        if (loaded == null || loaded.broadcastId() != model.id()) {
            loaded = new Loaded(model.id(), read(model.value()));
            LOADED.set(loaded);
        }
        return loaded.model();
    }
}
