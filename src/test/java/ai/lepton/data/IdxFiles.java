package ai.lepton.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {
    private IdxFiles() {
    }

    /** The bytes of an IDX file: the magic number, the dimensions, then the body. */
    static byte[] bytes(int magic, int[] dims, byte[] body) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(body);
        out.flush();
        return buffer.toByteArray();
    }

    static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    /** {@code n} images of {@code rows x cols} whose pixel {@code k} of image {@code i} is {@code (i * 31 + k * 7) % 256}. */
    static Path images(Path file, int n, int rows, int cols, boolean gzip) throws IOException {
        byte[] body = new byte[n * rows * cols];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < rows * cols; k++) {
                body[i * rows * cols + k] = (byte) ((i * 31 + k * 7) % 256);
            }
        }
        return write(file, bytes(Idx.IMAGES_MAGIC, new int[] {n, rows, cols}, body), gzip);
    }

    /** Labels {@code i % classes}. */
    static Path labels(Path file, int n, int classes, boolean gzip) throws IOException {
        byte[] body = new byte[n];
        for (int i = 0; i < n; i++) {
            body[i] = (byte) (i % classes);
        }
        return write(file, bytes(Idx.LABELS_MAGIC, new int[] {n}, body), gzip);
    }
}
