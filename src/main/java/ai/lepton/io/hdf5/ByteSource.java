package ai.lepton.io.hdf5;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random access to the bytes of a file or of an in-memory copy (a zip entry). Reads copy exactly
 * the bytes asked for, so memory grows only with what the reader chose to read.
 */
abstract class ByteSource implements Closeable {
    /** @return the number of bytes */
    abstract long size();

    /** Reads {@code length} bytes at {@code position}; the caller has checked that they exist. */
    abstract byte[] read(long position, int length) throws IOException;

    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            long size() {
                return bytes.length;
            }

            @Override
            byte[] read(long position, int length) {
                byte[] out = new byte[length];
                System.arraycopy(bytes, (int) position, out, 0, length);
                return out;
            }

            @Override
            public void close() {
                // Nothing to release.
            }
        };
    }

    static ByteSource open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        long size = channel.size();
        return new ByteSource() {
            @Override
            long size() {
                return size;
            }

            @Override
            byte[] read(long position, int length) throws IOException {
                ByteBuffer buffer = ByteBuffer.allocate(length);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position()) < 0) {
                        throw new IOException("the file shrank while it was read");
                    }
                }
                return buffer.array();
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
