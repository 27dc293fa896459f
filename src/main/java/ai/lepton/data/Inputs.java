package ai.lepton.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening input files with the same messages everywhere in the data package. */
final class Inputs {
    private Inputs() {
    }

    /**
     * @throws DataFormatException if the path does not exist or is a folder
     */
    static void requireFile(Path file) {
        if (!Files.exists(file)) {
            throw new DataFormatException(file, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file, "is a folder, expected a file");
        }
    }

    /**
     * A buffered stream over a file.
     *
     * @throws DataFormatException if the path does not exist or is a folder
     * @throws UncheckedIOException if the file cannot be opened
     */
    static InputStream open(Path file) {
        requireFile(file);
        try {
            return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + file + ": " + e.getMessage(), e);
        }
    }
}
