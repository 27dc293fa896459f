package ai.lepton.io.hdf5;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Chunked dataset storage as h5py writes it when asked for compression or chunks (format sections
 * IV.A.2.i and III.A.1): a version 3 layout whose chunks a version 1 B-tree indexes, each chunk
 * passed through the deflate, shuffle and Fletcher-32 filters. Keras never writes chunked data, but
 * other tools' HDF5 files may hold it. Every chunk must decode to exactly its declared size, so a
 * small compressed chunk cannot expand without bound; chunks never written read as the fill value.
 */
final class ChunkedStorage {
    private static final int DEFLATE = 1;
    private static final int SHUFFLE = 2;
    private static final int FLETCHER32 = 3;
    /** Deflate cannot compress more than about 1032 to 1, so no honest file declares more data than this times its size. */
    private static final long MAX_EXPANSION = 1100;

    private final Hdf5Reader reader;
    private final int[] shape;
    private final int[] chunk;
    private final int elementBytes;
    private final int chunkBytes;
    private final List<Integer> filters;
    private final byte[] out;
    private final Set<Long> visited = new HashSet<>();

    private ChunkedStorage(Hdf5Reader reader, int[] shape, int[] chunk, int elementBytes, List<Integer> filters,
            byte[] out) {
        this.reader = reader;
        this.shape = shape;
        this.chunk = chunk;
        this.elementBytes = elementBytes;
        long bytes = elementBytes;
        for (int c : chunk) {
            bytes *= c;
        }
        this.chunkBytes = (int) bytes;
        this.filters = filters;
        this.out = out;
    }

    static byte[] read(Hdf5Reader reader, ObjectHeader header, Cursor layout, int version, Dataspace space, Datatype type) {
        if (version != 3) {
            throw reader.unsupported("chunked datasets with a version " + version + " layout (written with "
                    + "libver=\"latest\"); h5py's default files use version 3");
        }
        int rank = layout.u8() - 1;
        long btree = layout.offset();
        if (rank < 1 || rank != space.shape.length) {
            throw reader.corrupt("the chunked layout has " + rank + " dimensions but the dataspace " + space.shape.length);
        }
        int[] chunk = new int[rank];
        long chunkBytes = type.size;
        for (int i = 0; i < rank; i++) {
            long c = layout.u32();
            if (c == 0) {
                throw reader.corrupt("the chunked layout declares a chunk dimension of 0");
            }
            chunk[i] = (int) Math.min(c, Integer.MAX_VALUE);
            chunkBytes *= c;
            if (chunkBytes > Integer.MAX_VALUE - 16) {
                throw reader.corrupt("the chunked layout declares chunks of more than 2 GiB");
            }
        }
        if (layout.u32() != type.size) {
            throw reader.corrupt("the chunked layout's element size differs from the datatype's " + type.size + " bytes");
        }
        long bytes = (long) space.count * type.size;
        if (bytes > MAX_EXPANSION * reader.bytesFrom(0)) {
            throw reader.corrupt("the chunked dataset declares " + bytes + " bytes, more than a file of "
                    + reader.bytesFrom(0) + " bytes can hold even compressed");
        }
        reader.charge(bytes, "the chunked dataset");
        byte[] out = new byte[(int) bytes];
        byte[] fill = DatasetReader.fillValue(header);
        if (fill != null && fill.length == type.size) {
            for (int i = 0; i < out.length; i += fill.length) {
                System.arraycopy(fill, 0, out, i, fill.length);
            }
        }
        ChunkedStorage storage = new ChunkedStorage(reader, space.shape, chunk, type.size, filters(reader, header), out);
        if (btree != Hdf5Reader.UNDEFINED && bytes > 0) {
            storage.node(btree, -1);
        }
        return out;
    }

    /** The filter IDs of the pipeline, in the order they were applied when writing. */
    private static List<Integer> filters(Hdf5Reader reader, ObjectHeader header) {
        List<Integer> ids = new ArrayList<>();
        ObjectHeader.Message m = header.first(ObjectHeader.FILTER_PIPELINE);
        if (m == null) {
            return ids;
        }
        Cursor c = m.body();
        int version = c.u8();
        int count = c.u8();
        if (version == 1) {
            c.skip(6);
        }
        for (int i = 0; i < count; i++) {
            int id = c.u16();
            int nameLength = version == 1 || id >= 256 ? c.u16() : 0;
            c.u16();
            int values = c.u16();
            byte[] name = c.bytes(version == 1 ? (nameLength + 7) / 8 * 8 : nameLength);
            c.skip(4L * values + (version == 1 && values % 2 == 1 ? 4 : 0));
            if (id != DEFLATE && id != SHUFFLE && id != FLETCHER32) {
                String label = new String(name, StandardCharsets.US_ASCII).replace("\0", "");
                throw reader.unsupported("the HDF5 filter " + id + (label.isEmpty() ? "" : " (" + label + ")")
                        + "; Lepton decodes deflate (gzip), shuffle and Fletcher-32");
            }
            ids.add(id);
        }
        return ids;
    }

    private void node(long address, int expectedLevel) {
        if (!visited.add(address)) {
            throw reader.corrupt("the chunk B-tree loops back to its node at address " + address);
        }
        int o = reader.offsetSize();
        int rank = shape.length;
        Cursor c = reader.at(address, 8 + 2L * o, "chunk B-tree node");
        c.signature("TREE");
        int type = c.u8();
        int level = c.u8();
        int entries = c.u16();
        if (type != 1 || (expectedLevel >= 0 && level != expectedLevel)) {
            throw reader.corrupt("the chunk B-tree node at address " + address + " has type " + type + " and level "
                    + level);
        }
        long keyBytes = 8 + 8L * (rank + 1);
        Cursor body = reader.at(address + 8 + 2L * o, entries * (keyBytes + o) + keyBytes, "chunk B-tree node");
        for (int i = 0; i < entries; i++) {
            long stored = body.u32();
            long mask = body.u32();
            long[] offset = new long[rank];
            for (int d = 0; d < rank; d++) {
                offset[d] = body.unsigned(8);
            }
            body.skip(8);
            long child = body.offset();
            if (level > 0) {
                node(child, level - 1);
            } else {
                place(decode(reader.at(child, stored, "data chunk").bytes(stored), mask), offset);
            }
        }
    }

    /** Undoes the filters, last applied first, except those the chunk's mask says were skipped. */
    private byte[] decode(byte[] data, long mask) {
        for (int i = filters.size() - 1; i >= 0; i--) {
            if ((mask & (1L << i)) != 0) {
                continue;
            }
            switch (filters.get(i)) {
                case DEFLATE:
                    data = inflate(data);
                    break;
                case SHUFFLE:
                    data = unshuffle(data);
                    break;
                default:
                    if (data.length < 4) {
                        throw reader.corrupt("a chunk is too short for its Fletcher-32 checksum");
                    }
                    data = Arrays.copyOf(data, data.length - 4);
                    break;
            }
        }
        if (data.length != chunkBytes) {
            throw reader.corrupt("a chunk holds " + data.length + " bytes where " + chunkBytes + " belong");
        }
        return data;
    }

    private byte[] inflate(byte[] data) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            // One byte more than a chunk holds: producing it proves the chunk too long without inflating the rest.
            byte[] out = new byte[chunkBytes + 1];
            int n = 0;
            while (n < out.length && !inflater.finished()) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw reader.corrupt("a deflated chunk ends early");
                }
                n += got;
            }
            if (n > chunkBytes) {
                throw reader.corrupt("a deflated chunk expands beyond its " + chunkBytes + " bytes");
            }
            return Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw reader.corrupt("a deflated chunk is not valid zlib data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    /** HDF5's shuffle stores byte 0 of every element, then byte 1, ...; this puts them back. */
    private byte[] unshuffle(byte[] data) {
        int n = data.length / elementBytes;
        byte[] out = data.clone();
        for (int b = 0; b < elementBytes; b++) {
            for (int e = 0; e < n; e++) {
                out[e * elementBytes + b] = data[b * n + e];
            }
        }
        return out;
    }

    /** Copies the part of a chunk that lies inside the dataset to its place, a row of the last dimension at a time. */
    private void place(byte[] data, long[] offset) {
        int rank = shape.length;
        for (int d = 0; d < rank; d++) {
            if (offset[d] < 0 || offset[d] >= shape[d] || offset[d] % chunk[d] != 0) {
                throw reader.corrupt("a chunk lies at " + Arrays.toString(offset) + ", outside the dataset's "
                        + "shape " + Arrays.toString(shape) + " or off the chunk grid");
            }
        }
        int last = rank - 1;
        int rowElements = (int) Math.min(chunk[last], shape[last] - offset[last]);
        int[] local = new int[rank];
        while (true) {
            long target = 0;
            long source = 0;
            boolean inside = true;
            for (int d = 0; d < rank; d++) {
                long at = offset[d] + local[d];
                inside &= at < shape[d];
                target = target * shape[d] + at;
                source = source * chunk[d] + local[d];
            }
            if (inside) {
                System.arraycopy(data, (int) (source * elementBytes), out, (int) (target * elementBytes),
                        rowElements * elementBytes);
            }
            int d = last - 1;
            while (d >= 0 && ++local[d] == chunk[d]) {
                local[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }
}
