package ai.lepton.io.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a tree in the layout h5py writes by default, which every HDF5 reader since 1.6 reads:
 * superblock version 0, version 1 object headers, "old-style" groups (a version 1 B-tree over
 * symbol table nodes and a local heap of names), contiguous datasets, compact attributes, and one
 * global heap collection for the variable-length strings. Objects are written children first, so
 * every address is known when it is written; only the superblock, which names the root, is
 * written last, at the start of the file.
 */
final class Hdf5Writer {
    /** Sizes of offsets and lengths, as h5py writes them. */
    private static final int O = 8;
    static final int SUPERBLOCK_BYTES = 96;
    /** Symbol table node capacity is 2 * LEAF_K entries, B-tree node capacity 2 * INTERNAL_K children (HDF5's defaults). */
    private static final int LEAF_K = 4;
    private static final int INTERNAL_K = 16;
    private static final int SNOD_BYTES = 8 + 2 * LEAF_K * (2 * O + 24);
    private static final int TREE_BYTES = 24 + (2 * INTERNAL_K + 1) * O + 2 * INTERNAL_K * O;
    private static final int MIN_GLOBAL_HEAP_BYTES = 4096;
    private static final int MAX_MESSAGE_BYTES = 0xfff8;
    private static final long UNDEFINED = -1;

    private final WritableByteChannel out;
    private final Map<String[], long[]> heapIds = new IdentityHashMap<>();
    private long position;

    private Hdf5Writer(WritableByteChannel out) {
        this.out = out;
    }

    /**
     * Writes the file after the superblock to {@code out} and returns the superblock, which the
     * caller puts in the first {@value #SUPERBLOCK_BYTES} bytes.
     */
    static byte[] write(Hdf5Group root, WritableByteChannel out) throws IOException {
        Hdf5Writer w = new Hdf5Writer(out);
        w.position = SUPERBLOCK_BYTES;
        w.globalHeap(root);
        long[] rootTable = new long[2];
        long rootAddress = w.group(root, rootTable);
        return superblock(rootAddress, rootTable, w.position);
    }

    private static byte[] superblock(long root, long[] rootTable, long end) {
        ByteBuffer b = buffer(SUPERBLOCK_BYTES);
        b.put(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'});
        b.put(new byte[] {0, 0, 0, 0, 0, O, O, 0});
        b.putShort((short) LEAF_K).putShort((short) INTERNAL_K).putInt(0);
        b.putLong(0).putLong(UNDEFINED).putLong(end).putLong(UNDEFINED);
        // The root's symbol table entry caches its B-tree and heap addresses, as HDF5 itself does.
        b.putLong(0).putLong(root).putInt(1).putInt(0).putLong(rootTable[0]).putLong(rootTable[1]);
        return b.array();
    }

    /** Puts every variable-length string of the tree into one global heap collection. */
    private void globalHeap(Hdf5Group root) throws IOException {
        List<byte[]> strings = new ArrayList<>();
        List<String[]> owners = new ArrayList<>();
        collect(root, owners);
        long size = 16;
        for (String[] values : owners) {
            for (String s : values) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                strings.add(b);
                size += 16 + pad8(b.length);
            }
        }
        if (strings.isEmpty()) {
            return;
        }
        if (strings.size() > 0xffff) {
            throw new IllegalArgumentException("an HDF5 file written by Lepton holds at most 65535 variable-length "
                    + "strings. Received: " + strings.size());
        }
        long address = position;
        long total = Math.max(size + 16, MIN_GLOBAL_HEAP_BYTES);
        ByteBuffer b = buffer(checkedInt(total, "the variable-length strings"));
        b.put(new byte[] {'G', 'C', 'O', 'L', 1, 0, 0, 0}).putLong(total);
        for (int i = 0; i < strings.size(); i++) {
            byte[] s = strings.get(i);
            b.putShort((short) (i + 1)).putShort((short) 1).putInt(0).putLong(s.length);
            b.put(s).position(b.position() + pad8(s.length) - s.length);
        }
        // The rest of the collection is one free-space object (index 0) whose size counts its own header.
        b.putShort((short) 0).putShort((short) 0).putInt(0).putLong(total - size);
        int index = 1;
        for (String[] values : owners) {
            long[] ids = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                ids[i] = index++;
            }
            heapIds.put(values, concat(address, ids));
        }
        emit(b);
    }

    private static long[] concat(long address, long[] ids) {
        long[] out = new long[ids.length + 1];
        out[0] = address;
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    private static void collect(Hdf5Node node, List<String[]> owners) {
        for (Hdf5Value v : node.attributes().values()) {
            if (v.type() == Hdf5Type.VARIABLE_STRING) {
                owners.add(v.stringsView());
            }
        }
        if (node instanceof Hdf5Dataset d && d.type() == Hdf5Type.VARIABLE_STRING) {
            owners.add(d.value().stringsView());
        }
        if (node instanceof Hdf5Group g) {
            for (Hdf5Node child : g.children().values()) {
                collect(child, owners);
            }
        }
    }

    private long write(Hdf5Node node) throws IOException {
        return node instanceof Hdf5Group g ? group(g, new long[2]) : dataset((Hdf5Dataset) node);
    }

    /** Writes a group and its children; {@code table} receives its B-tree and local heap addresses. */
    private long group(Hdf5Group group, long[] table) throws IOException {
        List<String> names = new ArrayList<>(group.children().keySet());
        long[] addresses = new long[names.size()];
        for (int i = 0; i < names.size(); i++) {
            addresses[i] = write(group.children().get(names.get(i)));
        }
        // The local heap: the empty string at offset 0, then each name, NUL-terminated and padded to 8 bytes.
        long[] nameOffsets = new long[names.size()];
        long heapData = 8;
        for (int i = 0; i < names.size(); i++) {
            nameOffsets[i] = heapData;
            heapData += pad8(names.get(i).getBytes(StandardCharsets.UTF_8).length + 1);
        }
        long heap = position;
        ByteBuffer h = buffer(checkedInt(32 + heapData, "the names of group " + group.path()));
        h.put(new byte[] {'H', 'E', 'A', 'P', 0, 0, 0, 0}).putLong(heapData).putLong(1).putLong(heap + 32);
        h.position(h.position() + 8);
        for (String name : names) {
            byte[] b = name.getBytes(StandardCharsets.UTF_8);
            h.put(b).position(h.position() + pad8(b.length + 1) - b.length);
        }
        emit(h);
        // Symbol table nodes of up to 2 * LEAF_K entries each, in name order.
        List<long[]> level = new ArrayList<>();
        for (int from = 0; from < names.size(); from += 2 * LEAF_K) {
            int to = Math.min(names.size(), from + 2 * LEAF_K);
            long at = position;
            ByteBuffer s = buffer(SNOD_BYTES);
            s.put(new byte[] {'S', 'N', 'O', 'D', 1, 0}).putShort((short) (to - from));
            for (int i = from; i < to; i++) {
                s.putLong(nameOffsets[i]).putLong(addresses[i]).putInt(0).putInt(0).putLong(0).putLong(0);
            }
            emit(s);
            level.add(new long[] {at, nameOffsets[to - 1]});
        }
        long btree = btree(level, 0);
        table[0] = btree;
        table[1] = heap;
        List<byte[]> messages = new ArrayList<>();
        messages.add(message(0x11, 0, buffer(16).putLong(btree).putLong(heap).array()));
        attributeMessages(group, messages);
        return objectHeader(messages);
    }

    /** Writes B-tree nodes over {@code children} (address, largest name offset) up to one root; returns its address. */
    private long btree(List<long[]> children, int level) throws IOException {
        List<long[]> parents = new ArrayList<>();
        long[] nodeAddresses = new long[Math.max(1, (children.size() + 2 * INTERNAL_K - 1) / (2 * INTERNAL_K))];
        for (int n = 0; n < nodeAddresses.length; n++) {
            nodeAddresses[n] = position + (long) n * TREE_BYTES;
        }
        for (int n = 0; n < nodeAddresses.length; n++) {
            int from = n * 2 * INTERNAL_K;
            int to = Math.min(children.size(), from + 2 * INTERNAL_K);
            ByteBuffer t = buffer(TREE_BYTES);
            t.put(new byte[] {'T', 'R', 'E', 'E', 0, (byte) level}).putShort((short) (to - from));
            t.putLong(n > 0 ? nodeAddresses[n - 1] : UNDEFINED);
            t.putLong(n + 1 < nodeAddresses.length ? nodeAddresses[n + 1] : UNDEFINED);
            t.putLong(from == 0 ? 0 : children.get(from - 1)[1]);
            for (int i = from; i < to; i++) {
                t.putLong(children.get(i)[0]).putLong(children.get(i)[1]);
            }
            emit(t);
            parents.add(new long[] {nodeAddresses[n], to > from ? children.get(to - 1)[1] : 0});
        }
        return parents.size() == 1 ? parents.get(0)[0] : btree(parents, level + 1);
    }

    private long dataset(Hdf5Dataset dataset) throws IOException {
        Hdf5Value value = dataset.value();
        byte[] type = datatype(value, dataset.path());
        byte[] raw = raw(value);
        long dataAddress = raw.length == 0 ? UNDEFINED : position;
        if (raw.length > 0) {
            emit(ByteBuffer.wrap(raw));
        }
        List<byte[]> messages = new ArrayList<>();
        messages.add(message(0x01, 0, dataspace(value.shape())));
        messages.add(message(0x03, 1, type));
        // Fill value message version 2 with HDF5's defaults (late allocation, fill if set, default value), as h5py writes.
        messages.add(message(0x05, 1, new byte[] {2, 2, 2, 1, 0, 0, 0, 0}));
        messages.add(message(0x08, 0, buffer(18).put((byte) 3).put((byte) 1).putLong(dataAddress).putLong(raw.length)
                .array()));
        attributeMessages(dataset, messages);
        return objectHeader(messages);
    }

    private void attributeMessages(Hdf5Node node, List<byte[]> messages) {
        for (Map.Entry<String, Hdf5Value> e : node.attributes().entrySet()) {
            String where = "attribute '" + e.getKey() + "' of " + node.path();
            Hdf5Value value = e.getValue();
            byte[] name = (e.getKey() + "\0").getBytes(StandardCharsets.UTF_8);
            byte[] type = datatype(value, where);
            byte[] space = dataspace(value.shape());
            byte[] data = raw(value);
            boolean ascii = name.length == e.getKey().length() + 1;
            // Version 1 pads each part to 8 bytes; names beyond ASCII need version 3, which records their encoding.
            int pad = ascii ? 8 : 1;
            long size = 8 + (ascii ? 0 : 1) + pad(name.length, pad) + pad(type.length, pad) + pad(space.length, pad)
                    + (long) data.length;
            if (size > MAX_MESSAGE_BYTES) {
                throw new IllegalArgumentException(where + " needs " + size + " bytes; an HDF5 object header holds at "
                        + "most " + MAX_MESSAGE_BYTES + " per attribute (Keras 2 splits long lists into name0, name1, ...)");
            }
            ByteBuffer b = buffer((int) size);
            b.put((byte) (ascii ? 1 : 3)).put((byte) 0);
            b.putShort((short) name.length).putShort((short) type.length).putShort((short) space.length);
            if (!ascii) {
                b.put((byte) 1);
            }
            b.put(name).position(b.position() + pad(name.length, pad) - name.length);
            b.put(type).position(b.position() + pad(type.length, pad) - type.length);
            b.put(space).position(b.position() + pad(space.length, pad) - space.length);
            b.put(data);
            messages.add(message(0x0c, 0, b.array()));
        }
    }

    private static byte[] message(int type, int flags, byte[] body) {
        ByteBuffer b = buffer(8 + pad8(body.length));
        b.putShort((short) type).putShort((short) pad8(body.length)).put((byte) flags).put(new byte[3]).put(body);
        return b.array();
    }

    /** A version 1 object header holding the messages; returns its address. */
    private long objectHeader(List<byte[]> messages) throws IOException {
        int size = 0;
        for (byte[] m : messages) {
            size += m.length;
        }
        long at = position;
        ByteBuffer b = buffer(16 + size);
        b.put((byte) 1).put((byte) 0).putShort((short) messages.size()).putInt(1).putInt(size).putInt(0);
        for (byte[] m : messages) {
            b.put(m);
        }
        emit(b);
        return at;
    }

    /** Dataspace message version 1: a scalar for an empty shape, else the dimensions, which are also the maximum. */
    private static byte[] dataspace(int[] shape) {
        ByteBuffer b = buffer(8 + 2 * shape.length * O);
        b.put((byte) 1).put((byte) shape.length).put((byte) (shape.length > 0 ? 1 : 0)).put(new byte[5]);
        for (int pass = 0; pass < 2; pass++) {
            for (int d : shape) {
                b.putLong(d);
            }
        }
        return b.array();
    }

    private static byte[] datatype(Hdf5Value value, String where) {
        Hdf5Type t = value.type();
        switch (t) {
            case FLOAT32:
                return buffer(20).put(new byte[] {0x11, 0x20, 0x1f, 0}).putInt(4)
                        .putShort((short) 0).putShort((short) 32).put(new byte[] {23, 8, 0, 23}).putInt(127).array();
            case FLOAT64:
                return buffer(20).put(new byte[] {0x11, 0x20, 0x3f, 0}).putInt(8)
                        .putShort((short) 0).putShort((short) 64).put(new byte[] {52, 11, 0, 52}).putInt(1023).array();
            case FIXED_STRING: {
                boolean ascii = true;
                for (String s : value.stringsView()) {
                    ascii &= s.chars().allMatch(ch -> ch < 128);
                }
                // Null-padded, like NumPy's bytes arrays; charset UTF-8 only when needed.
                return buffer(8).put(new byte[] {0x13, (byte) (ascii ? 0x01 : 0x11), 0, 0}).putInt(value.stringBytes())
                        .array();
            }
            case VARIABLE_STRING:
                // A variable-length UTF-8 string of unsigned bytes, as h5py writes a Python str.
                return buffer(20).put(new byte[] {0x19, 0x01, 0x01, 0}).putInt(16)
                        .put(new byte[] {0x10, 0, 0, 0}).putInt(1).putShort((short) 0).putShort((short) 8).array();
            case FLOAT16:
            case OTHER:
                throw new IllegalArgumentException(where + " has the type " + value.describeType()
                        + ", which Lepton does not write");
            default:
                return buffer(12).put(new byte[] {0x10, (byte) (t.min() < 0 ? 0x08 : 0), 0, 0}).putInt(t.bytes())
                        .putShort((short) 0).putShort((short) (8 * t.bytes())).array();
        }
    }

    /** The values' bytes in the file: little-endian numbers, padded strings, or global heap IDs. */
    private byte[] raw(Hdf5Value value) {
        Hdf5Type t = value.type();
        int count = value.size();
        if (t == Hdf5Type.FIXED_STRING) {
            int width = value.stringBytes();
            ByteBuffer b = buffer(checkedInt((long) count * width, "fixed-length strings"));
            for (int i = 0; i < count; i++) {
                byte[] s = value.stringsView()[i].getBytes(StandardCharsets.UTF_8);
                b.position(i * width);
                b.put(s);
            }
            return b.array();
        }
        if (t == Hdf5Type.VARIABLE_STRING) {
            long[] ids = heapIds.get(value.stringsView());
            ByteBuffer b = buffer(count * 16);
            for (int i = 0; i < count; i++) {
                b.putInt(value.stringsView()[i].getBytes(StandardCharsets.UTF_8).length).putLong(ids[0]).putInt((int) ids[i + 1]);
            }
            return b.array();
        }
        double[] v = value.numbersView();
        ByteBuffer b = buffer(checkedInt((long) count * t.bytes(), "a dataset"));
        for (double x : v) {
            switch (t) {
                case FLOAT32:
                    b.putFloat((float) x);
                    break;
                case FLOAT64:
                    b.putDouble(x);
                    break;
                case INT8:
                case UINT8:
                    b.put((byte) (long) x);
                    break;
                case INT16:
                case UINT16:
                    b.putShort((short) (long) x);
                    break;
                case INT32:
                case UINT32:
                    b.putInt((int) (long) x);
                    break;
                default:
                    b.putLong((long) x);
                    break;
            }
        }
        return b.array();
    }

    private void emit(ByteBuffer b) throws IOException {
        b.position(0);
        while (b.hasRemaining()) {
            out.write(b);
        }
        position += b.limit();
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int checkedInt(long size, String what) {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(what + " would take " + size + " bytes; Lepton writes at most 2 GiB per "
                    + "HDF5 object");
        }
        return (int) size;
    }

    private static int pad8(int n) {
        return (n + 7) & ~7;
    }

    private static int pad(int n, int to) {
        return (n + to - 1) / to * to;
    }
}
