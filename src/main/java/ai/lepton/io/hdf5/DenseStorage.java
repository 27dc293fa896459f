package ai.lepton.io.hdf5;

import java.util.ArrayList;
import java.util.List;

/**
 * Links and attributes kept in "dense" storage (format sections IV.A.2.c and IV.A.2.v): messages
 * in a fractal heap, named by the records of a version 2 B-tree. HDF5 uses it for groups of many
 * links and objects of many or large attributes when a file is written with {@code libver="latest"}
 * or with creation order tracked.
 */
final class DenseStorage {
    /** B-tree record types: links by name hash (hash, then a 7-byte heap ID), attributes by name (8-byte heap ID first). */
    static final int LINKS = 5;
    static final int ATTRIBUTES = 8;

    private DenseStorage() {
    }

    /** The stored link or attribute messages, each as its own cursor. */
    static List<Cursor> records(Hdf5Reader reader, long heapAddress, long nameIndexAddress, int type) {
        FractalHeap heap = FractalHeap.open(reader, heapAddress);
        List<Cursor> messages = new ArrayList<>();
        for (Cursor record : BTreeV2.records(reader, nameIndexAddress, type)) {
            if (type == LINKS) {
                record.skip(4);
            }
            messages.add(heap.object(record.bytes(type == LINKS ? 7 : 8)));
        }
        return messages;
    }
}
