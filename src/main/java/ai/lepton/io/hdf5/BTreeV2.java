package ai.lepton.io.hdf5;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The records of a version 2 B-tree (format section III.A.2), in no particular order: what indexes
 * dense links (type 5), dense attributes (type 8) and huge fractal heap objects (type 1). Node
 * sizes, depths and record counts come from the file and are checked; a node reached twice is a loop.
 */
final class BTreeV2 {
    /** Signature, version, type and checksum around each node's records and pointers. */
    private static final int NODE_PREFIX = 10;
    /** HDF5 cannot build deeper trees from any real number of records. */
    private static final int MAX_DEPTH = 32;

    private final Hdf5Reader reader;
    private final int type;
    private final int recordSize;
    private final long nodeSize;
    /** Bytes of "records in this child" and of "records in this child's subtree", by depth. */
    private final int[] countBytes;
    private final int[] totalBytes;
    private final Set<Long> visited = new HashSet<>();
    private final List<Cursor> records = new ArrayList<>();

    private BTreeV2(Hdf5Reader reader, int type, int recordSize, long nodeSize, int depth) {
        this.reader = reader;
        this.type = type;
        this.recordSize = recordSize;
        this.nodeSize = nodeSize;
        int o = reader.offsetSize();
        long leafMax = (nodeSize - NODE_PREFIX) / recordSize;
        countBytes = new int[depth + 1];
        totalBytes = new int[depth + 1];
        long cumulative = leafMax;
        int leafCountBytes = encodedSize(leafMax);
        for (int d = 1; d <= depth; d++) {
            long pointer = o + leafCountBytes + (d > 1 ? totalBytes[d - 1] : 0);
            long max = (nodeSize - NODE_PREFIX) / (recordSize + pointer);
            countBytes[d] = leafCountBytes;
            cumulative = Math.min(Long.MAX_VALUE / 4, (max + 1) * cumulative + max);
            totalBytes[d] = encodedSize(cumulative);
        }
    }

    /** HDF5's H5VM_limit_enc_size: the bytes that hold any count up to {@code max}. */
    private static int encodedSize(long max) {
        return (63 - Long.numberOfLeadingZeros(Math.max(1, max))) / 8 + 1;
    }

    /** Every record of the tree at {@code address}, which must be of {@code expectedType}. */
    static List<Cursor> records(Hdf5Reader reader, long address, int expectedType) {
        Cursor h = reader.at(address, 16 + 2L * reader.offsetSize() + reader.lengthSize(), "v2 B-tree header");
        h.signature("BTHD");
        int version = h.u8();
        int type = h.u8();
        long nodeSize = h.u32();
        int recordSize = h.u16();
        int depth = h.u16();
        h.skip(2);
        long root = h.offset();
        int rootRecords = h.u16();
        if (version != 0 || type != expectedType || recordSize == 0 || depth > MAX_DEPTH
                || nodeSize < NODE_PREFIX + recordSize) {
            throw reader.corrupt("the v2 B-tree at address " + address + " has version " + version + ", type " + type
                    + ", node size " + nodeSize + ", record size " + recordSize + " and depth " + depth);
        }
        BTreeV2 tree = new BTreeV2(reader, type, recordSize, nodeSize, depth);
        if (root != Hdf5Reader.UNDEFINED && rootRecords > 0) {
            tree.node(root, depth, rootRecords);
        }
        return tree.records;
    }

    private void node(long address, int depth, int count) {
        if (!visited.add(address)) {
            throw reader.corrupt("the v2 B-tree loops back to its node at address " + address);
        }
        Cursor c = reader.at(address, Math.min(nodeSize, reader.bytesFrom(address)), "v2 B-tree node");
        c.signature(depth == 0 ? "BTLF" : "BTIN");
        c.u8();
        if (c.u8() != type) {
            throw reader.corrupt("a node of the v2 B-tree at address " + address + " has another type");
        }
        for (int i = 0; i < count; i++) {
            records.add(c.slice(recordSize, "v2 B-tree record"));
        }
        if (depth == 0) {
            return;
        }
        for (int i = 0; i <= count; i++) {
            long child = c.offset();
            long childCount = c.unsigned(countBytes[depth]);
            c.skip(depth > 1 ? totalBytes[depth - 1] : 0);
            if (childCount < 0 || childCount > nodeSize / recordSize) {
                throw reader.corrupt("a v2 B-tree node declares " + childCount + " records in a child");
            }
            node(child, depth - 1, (int) childCount);
        }
    }
}
