package ai.lepton.io;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The check every loader makes before it opens a file, so that a file that cannot be read at all
 * is an {@link UncheckedIOException} naming it (missing, a folder, no permission), as
 * {@code docs/model-format.md} promises, and only bad content is a {@link ModelFormatException}.
 *
 * <pre>{@code
 * ReadableFile.check(Path.of("model.lepton"), "load a model from");
 * }</pre>
 */
public final class ReadableFile {
    private ReadableFile() {
    }

    /**
     * @param path the file about to be read
     * @param operation what is being done, for the message (e.g. {@code "load a model from"})
     * @throws UncheckedIOException if it does not exist, is a folder or is not readable
     */
    public static void check(Path path, String operation) {
        if (Files.isDirectory(path)) {
            throw new UncheckedIOException("cannot " + operation + " " + path + ": it is a folder, not a file",
                    new AccessDeniedException(path.toString()));
        }
        if (!Files.isRegularFile(path)) {
            throw new UncheckedIOException("cannot " + operation + " " + path + ": no such file",
                    new NoSuchFileException(path.toString()));
        }
        if (!Files.isReadable(path)) {
            throw new UncheckedIOException("cannot " + operation + " " + path + ": permission denied",
                    new AccessDeniedException(path.toString()));
        }
    }
}
