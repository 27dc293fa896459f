package ai.lepton.io.hdf5;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The links of an "old-style" group, the kind h5py writes by default (format sections III.A.1,
 * III.C and III.D): a version 1 B-tree whose leaves point to symbol table nodes, whose entries
 * name their objects through offsets into the group's local heap.
 */
final class SymbolTable {
    private static final int SOFT_LINK_CACHE = 2;

    private final Hdf5Reader reader;
    private final byte[] heap;
    private final Set<Long> visited = new HashSet<>();
    private final Map<String, Long> links = new LinkedHashMap<>();

    private SymbolTable(Hdf5Reader reader, byte[] heap) {
        this.reader = reader;
        this.heap = heap;
    }

    /** The links of the group, name to object header address. */
    static Map<String, Long> read(Hdf5Reader reader, long btreeAddress, long heapAddress) {
        Cursor h = reader.at(heapAddress, 8 + 2L * reader.lengthSize() + reader.offsetSize(), "local heap");
        h.signature("HEAP");
        int version = h.u8();
        if (version != 0) {
            throw reader.corrupt("the local heap at address " + heapAddress + " has the unknown version " + version);
        }
        h.skip(3);
        long dataSize = h.length();
        h.skip(reader.lengthSize());
        long dataAddress = h.offset();
        byte[] heap = reader.at(dataAddress, dataSize, "local heap data").bytes(dataSize);
        SymbolTable table = new SymbolTable(reader, heap);
        table.node(btreeAddress, -1);
        return table.links;
    }

    private void node(long address, int expectedLevel) {
        if (!visited.add(address)) {
            throw reader.corrupt("the group's B-tree loops back to its node at address " + address);
        }
        int o = reader.offsetSize();
        int l = reader.lengthSize();
        Cursor c = reader.at(address, 8 + 2L * o, "group B-tree node");
        c.signature("TREE");
        int type = c.u8();
        int level = c.u8();
        int entries = c.u16();
        if (type != 0) {
            throw reader.corrupt("the group's B-tree node at address " + address + " has type " + type + ", not 0");
        }
        if (expectedLevel >= 0 && level != expectedLevel) {
            throw reader.corrupt("the group's B-tree node at address " + address + " is at level " + level
                    + " where level " + expectedLevel + " belongs");
        }
        Cursor body = reader.at(address + 8 + 2L * o, (long) entries * (o + l) + l, "group B-tree node");
        for (int i = 0; i < entries; i++) {
            body.length();
            long child = body.offset();
            if (level > 0) {
                node(child, level - 1);
            } else {
                symbols(child);
            }
        }
    }

    private void symbols(long address) {
        int o = reader.offsetSize();
        Cursor c = reader.at(address, 8, "symbol table node");
        c.signature("SNOD");
        int version = c.u8();
        if (version != 1) {
            throw reader.corrupt("the symbol table node at address " + address + " has the unknown version " + version);
        }
        c.skip(1);
        int count = c.u16();
        Cursor entries = reader.at(address + 8, (long) count * (2L * o + 24), "symbol table node");
        for (int i = 0; i < count; i++) {
            long nameOffset = entries.offset();
            long header = entries.offset();
            long cacheType = entries.u32();
            entries.skip(20);
            String name = name(nameOffset);
            if (cacheType == SOFT_LINK_CACHE) {
                throw reader.unsupported("the soft link '" + name + "'; Keras files have none");
            }
            if (links.put(name, header) != null) {
                throw reader.corrupt("the group names two objects '" + name + "'");
            }
        }
    }

    private String name(long offset) {
        if (offset < 0 || offset >= heap.length) {
            throw reader.corrupt("a link name points to byte " + offset + " of a local heap of " + heap.length + " bytes");
        }
        int end = (int) offset;
        while (end < heap.length && heap[end] != 0) {
            end++;
        }
        if (end == heap.length) {
            throw reader.corrupt("a link name at byte " + offset + " of the local heap has no terminating NUL");
        }
        return new String(heap, (int) offset, end - (int) offset, StandardCharsets.UTF_8);
    }
}
