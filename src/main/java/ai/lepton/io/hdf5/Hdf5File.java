package ai.lepton.io.hdf5;

import ai.lepton.io.AtomicFile;
import ai.lepton.io.ModelFormatException;
import ai.lepton.io.ReadableFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Path;

/**
 * Reads and writes HDF5 files as trees of groups, datasets and attributes: the layer below
 * Lepton's Keras {@code .keras} and {@code .h5} support. Internal to Lepton.
 *
 * <p><b>Why Lepton has its own HDF5 code.</b> The pure-Java library {@code io.jhdf:jhdf}
 * (0.13.0, on Maven Central) was evaluated on files written the way Keras writes them. It reads
 * them well, but (1) files it writes are unreadable by h5py as soon as a group holding a dataset is
 * followed by another group with children, which is the shape of every Keras weights file
 * ({@code layers/dense/vars/0}, then {@code layers/dense_1/...}); it also cannot write empty
 * datasets, and writes attributes of more than 64 KiB as corrupt object headers; (2) reading
 * corrupt files, 6 of 2,000 files with four random bytes changed ended in an
 * {@link OutOfMemoryError} and others in unchecked exceptions, and declared sizes cannot be
 * checked from outside before it allocates; (3) it brings commons-lang3, compress-lzf and
 * lz4-java (which carries native code) for about 2 MB. Keras uses a small part of HDF5, the part
 * h5py writes by default, so Lepton reads and writes that part itself, checking every size:
 * superblocks 0 to 3, object headers 1 and 2, old-style (symbol table) and new-style groups,
 * attributes, compact or dense (fractal heap and version 2 B-tree, as {@code libver="latest"} and
 * creation-order tracking make them), contiguous and compact datasets of integers, IEEE floats and
 * strings, and chunked ones with a version 1 B-tree index and the deflate, shuffle and Fletcher-32
 * filters. Other features (version 4 chunk indexes, which {@code libver="latest"} uses for chunked
 * data, other filters, soft and external links, committed datatypes, shared messages) are reported
 * as unsupported, naming the object.
 *
 * <p>Reading trusts nothing in the file (see {@link Hdf5Limits}); every problem is a
 * {@link ModelFormatException} that names the file and the object's path. Writing produces the
 * layout h5py produces by default (see {@code Hdf5Writer}), atomically.
 *
 * <pre>{@code
 * Hdf5Group root = Hdf5File.read(Path.of("model.weights.h5"));
 * Hdf5Dataset kernel = root.dataset("layers/dense/vars/0");
 * double[] values = kernel.value().doubles();
 *
 * Hdf5Group.Builder out = Hdf5Group.builder();
 * out.group("layers/dense/vars").dataset("0", Hdf5Value.float32(kernel.shape(), values));
 * Hdf5File.write(out.build(), Path.of("copy.weights.h5"));
 * }</pre>
 */
public final class Hdf5File {
    private Hdf5File() {
    }

    /**
     * Reads a whole file with the default limits.
     *
     * @param file the HDF5 file
     * @return its root group
     * @throws ModelFormatException if the file is not HDF5, is damaged, exceeds the limits or uses
     *         an unsupported feature
     * @throws UncheckedIOException if the file cannot be read at all
     */
    public static Hdf5Group read(Path file) {
        return read(file, Hdf5Limits.DEFAULT);
    }

    /**
     * Reads a whole file.
     *
     * @param file the HDF5 file
     * @param limits what reading may cost
     * @return its root group
     * @throws ModelFormatException if the file is not HDF5, is damaged, exceeds the limits or uses
     *         an unsupported feature
     * @throws UncheckedIOException if the file cannot be read at all
     */
    public static Hdf5Group read(Path file, Hdf5Limits limits) {
        ReadableFile.check(file, "read");
        try (ByteSource source = ByteSource.open(file)) {
            return new Hdf5Reader(source, file.toString(), limits).read();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a file held in memory, such as the {@code model.weights.h5} entry of a {@code .keras} zip.
     *
     * @param content the file's bytes (not modified)
     * @param name what to call the file in error messages
     * @param limits what reading may cost
     * @return its root group
     * @throws ModelFormatException if the bytes are not HDF5, are damaged, exceed the limits or use
     *         an unsupported feature
     */
    public static Hdf5Group read(byte[] content, String name, Hdf5Limits limits) {
        return new Hdf5Reader(ByteSource.of(content), name, limits).read();
    }

    /**
     * Writes a tree as an HDF5 file, atomically: a temporary file in the same folder is written,
     * flushed and moved over {@code file}.
     *
     * @param root the root group (not modified)
     * @param file the file to write; its folder must exist
     * @throws IllegalArgumentException if the tree holds what HDF5's compact layout cannot (an
     *         attribute over 64 KiB, a float16 or unsupported type)
     * @throws UncheckedIOException if writing fails; a previous file under that name is then intact
     */
    public static void write(Hdf5Group root, Path file) {
        AtomicFile.write(file, channel -> {
            ByteBuffer superblock = ByteBuffer.wrap(Hdf5Writer.write(root, channel.position(Hdf5Writer.SUPERBLOCK_BYTES)));
            // The writer leaves room for the superblock, which it can only fill once the root is written.
            while (superblock.hasRemaining()) {
                channel.write(superblock, superblock.position());
            }
        }, written -> { });
    }

    /**
     * Writes a tree as the bytes of an HDF5 file, e.g. for the {@code model.weights.h5} entry of a {@code .keras} zip.
     *
     * @param root the root group (not modified)
     * @return the file's bytes
     * @throws IllegalArgumentException if the tree holds what HDF5's compact layout cannot
     */
    public static byte[] toBytes(Hdf5Group root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.write(new byte[Hdf5Writer.SUPERBLOCK_BYTES]);
            byte[] superblock = Hdf5Writer.write(root, Channels.newChannel(out));
            byte[] bytes = out.toByteArray();
            System.arraycopy(superblock, 0, bytes, 0, superblock.length);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write HDF5 bytes: " + e.getMessage(), e);
        }
    }
}
