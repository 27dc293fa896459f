package ai.lepton.data;

import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST, gzipped or not (detected from the first bytes).
 *
 * <p>The format is big-endian: a magic number ({@code 0x00000803} for images: count, rows,
 * columns; {@code 0x00000801} for labels: count), then one unsigned byte per pixel or label.
 *
 * <pre>{@code
 * Path dir = Datasets.localCopy("fashion-mnist").orElseThrow();
 * Dataset test = Idx.read(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
 * test.x();   // (10000, 28, 28, 1) in [0, 1]
 * test.y();   // (10000,) class indices 0..9
 * }</pre>
 */
public final class Idx {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    /** Deflate's largest possible expansion: one compressed byte never holds more than this many. */
    private static final int MAX_DEFLATE_RATIO = 1032;

    private Idx() {
    }

    /**
     * Reads images scaled to {@code [0, 1]} (divided by 255).
     *
     * @param file an IDX images file ({@code .gz} or not)
     * @return {@code (n, rows, cols, 1)}
     * @throws DataFormatException if the file is missing, has another magic number or is truncated
     */
    public static Tensor images(Path file) {
        return images(file, 255);
    }

    /**
     * Reads images divided by a constant ({@code 1} keeps the raw values {@code 0..255}).
     *
     * @param file an IDX images file ({@code .gz} or not)
     * @param divisor a finite non-zero number each pixel is divided by
     * @return {@code (n, rows, cols, 1)}
     * @throws DataFormatException if the file is missing, has another magic number or is truncated
     */
    public static Tensor images(Path file, double divisor) {
        return images(file, divisor, Integer.MAX_VALUE);
    }

    /**
     * Reads class labels.
     *
     * @param file an IDX labels file ({@code .gz} or not)
     * @return {@code (n,)} class indices as doubles
     * @throws DataFormatException if the file is missing, has another magic number or is truncated
     */
    public static Tensor labels(Path file) {
        return labels(file, Integer.MAX_VALUE);
    }

    /**
     * Reads matching images (in {@code [0, 1]}) and labels into a dataset. The pixels stay bytes
     * in memory (60,000 Fashion-MNIST images take 47 MB) and become float64 one batch at a time.
     *
     * @param images an IDX images file
     * @param labels an IDX labels file with the same count
     * @return {@code x (n, rows, cols, 1)}, {@code y (n,)}
     * @throws DataFormatException if a file is bad or the counts differ
     */
    public static Dataset read(Path images, Path labels) {
        Pixels x = pixels(images, Integer.MAX_VALUE);
        Tensor y = labels(labels);
        if (x.shape()[0] != y.shape()[0]) {
            throw new DataFormatException(labels, "holds " + y.shape()[0] + " labels, but " + images + " holds "
                    + x.shape()[0] + " images");
        }
        return Dataset.ofBytes(x.values(), x.shape(), 255, y, List.of());
    }

    /** Unsigned pixel bytes and their shape {@code (n, rows, cols, 1)}. */
    record Pixels(byte[] values, int[] shape) {
    }

    /** The first {@code limit} images (or all, if fewer). */
    static Tensor images(Path file, double divisor, int limit) {
        if (divisor == 0 || !Double.isFinite(divisor)) {
            throw new IllegalArgumentException("Idx.images: divisor must be finite and non-zero. Received: divisor="
                    + divisor);
        }
        Pixels p = pixels(file, limit);
        double[] values = new double[p.values().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (p.values()[i] & 0xff) / divisor;
        }
        return Storage.wrap(values, p.shape());
    }

    /** The bytes of the first {@code limit} images (or all, if fewer). */
    static Pixels pixels(Path file, int limit) {
        try (DataInputStream in = open(file)) {
            readMagic(in, file, IMAGES_MAGIC, "images (count, rows, columns)");
            int count = dimension(in, file, "image count");
            int rows = dimension(in, file, "rows");
            int cols = dimension(in, file, "columns");
            int n = Math.min(count, limit);
            // n * rows fits a long; times cols it may not, so that product is checked.
            long size = Math.multiplyHigh((long) n * rows, cols) != 0 ? Long.MAX_VALUE : (long) n * rows * cols;
            if (size < 0 || size > Integer.MAX_VALUE - 8) {
                throw new DataFormatException(file, count + " images of " + rows + "x" + cols
                        + " are more than one Java array can hold");
            }
            byte[] pixels = readBytes(in, file, (int) size, 16, (long) count * rows * cols);
            return new Pixels(pixels, new int[] {n, rows, cols, 1});
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close " + file, e);
        }
    }

    /** The first {@code limit} labels (or all, if fewer). */
    static Tensor labels(Path file, int limit) {
        try (DataInputStream in = open(file)) {
            readMagic(in, file, LABELS_MAGIC, "labels (count)");
            int count = dimension(in, file, "label count");
            int n = Math.min(count, limit);
            byte[] bytes = readBytes(in, file, n, 8, count);
            double[] labels = new double[n];
            for (int i = 0; i < n; i++) {
                labels[i] = bytes[i] & 0xff;
            }
            return Storage.wrap(labels, n);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close " + file, e);
        }
    }

    private static DataInputStream open(Path file) {
        InputStream in = Inputs.open(file);
        try {
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            return new DataInputStream(gzip ? new GZIPInputStream(in, 1 << 16) : in);
        } catch (IOException e) {
            closeQuietly(in, e);
            throw new DataFormatException(file, 0, 0, "cannot read the gzip header: " + e.getMessage(), e);
        }
    }

    private static void readMagic(DataInputStream in, Path file, int expected, String what) {
        int magic = readInt(in, file, "the magic number");
        if (magic != expected) {
            String hint = magic == IMAGES_MAGIC ? " (this is an IDX images file)"
                    : magic == LABELS_MAGIC ? " (this is an IDX labels file)" : "";
            throw new DataFormatException(file, String.format("magic number 0x%08X%s, expected 0x%08X for IDX %s",
                    magic, hint, expected, what));
        }
    }

    private static int dimension(DataInputStream in, Path file, String name) {
        int d = readInt(in, file, "the " + name);
        if (d < 0) {
            throw new DataFormatException(file, "the header gives " + name + " " + d + "; expected a count >= 0");
        }
        return d;
    }

    private static int readInt(DataInputStream in, Path file, String what) {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DataFormatException(file, 0, 0, "truncated: the file ends before " + what, e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Reads {@code n} bytes; {@code total} is the body size the header promised. A header can claim
     * any count, so memory is taken only as the bytes arrive, after a first check that the file
     * could hold them at all.
     */
    private static byte[] readBytes(DataInputStream in, Path file, int n, int headerSize, long total) {
        long fileSize = fileSize(file);
        if (n > (fileSize - headerSize) * MAX_DEFLATE_RATIO) {
            throw new DataFormatException(file, "the header promises " + total + " data bytes, but a file of "
                    + fileSize + " bytes cannot hold that many, even gzipped (at most " + MAX_DEFLATE_RATIO
                    + " to 1)");
        }
        byte[] data = new byte[Math.min(n, 1 << 20)];
        int done = 0;
        try {
            while (done < n) {
                if (done == data.length) {
                    data = Arrays.copyOf(data, (int) Math.min(n, 2L * data.length));
                }
                int got = in.read(data, done, data.length - done);
                if (got < 0) {
                    throw new EOFException();
                }
                done += got;
            }
        } catch (EOFException e) {
            throw new DataFormatException(file, 0, 0, "truncated: the header promises " + total + " data bytes after its "
                    + headerSize + " bytes, but the file ends after " + done, e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        return data;
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    private static RuntimeException unreadable(Path file, IOException e) {
        if (e instanceof ZipException || e.getCause() instanceof ZipException) {
            return new DataFormatException(file, 0, 0, "corrupt gzip data: " + e.getMessage(), e);
        }
        return new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(InputStream in, IOException primary) {
        try {
            in.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
