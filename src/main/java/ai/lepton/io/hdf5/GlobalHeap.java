package ai.lepton.io.hdf5;

import java.util.HashMap;
import java.util.Map;

/**
 * One global heap collection (format section III.E): where variable-length strings live. Parsed
 * once per file and address; objects are found by their index.
 */
final class GlobalHeap {
    private static final int HEADER_BYTES = 16;

    private final Map<Long, long[]> objects;
    private final Cursor data;

    private GlobalHeap(Map<Long, long[]> objects, Cursor data) {
        this.objects = objects;
        this.data = data;
    }

    static GlobalHeap read(Hdf5Reader reader, long address) {
        Cursor header = reader.at(address, HEADER_BYTES, "global heap");
        header.signature("GCOL");
        int version = header.u8();
        if (version != 1) {
            throw reader.corrupt("the global heap at address " + address + " has the unknown version " + version);
        }
        header.skip(3);
        long size = header.length();
        if (size < HEADER_BYTES) {
            throw reader.corrupt("the global heap at address " + address + " declares only " + size + " bytes");
        }
        Cursor c = reader.at(address, size, "global heap");
        c.skip(HEADER_BYTES);
        Map<Long, long[]> objects = new HashMap<>();
        while (c.remaining() >= 8 + reader.lengthSize()) {
            long index = c.u16();
            c.skip(6);
            long objectSize = c.length();
            if (index == 0) {
                break;
            }
            long start = c.position();
            c.skip(objectSize);
            c.skip(Math.min(c.remaining(), (8 - objectSize % 8) % 8));
            objects.put(index, new long[] {start, objectSize});
        }
        return new GlobalHeap(objects, c);
    }

    /** The first {@code length} bytes of object {@code index}. */
    byte[] bytes(Hdf5Reader reader, long index, long length) {
        long[] object = objects.get(index);
        if (object == null) {
            throw reader.corrupt("a variable-length string points to object " + index
                    + " of a global heap that has no such object");
        }
        if (length > object[1]) {
            throw reader.corrupt("a variable-length string of " + length + " bytes points to a global heap object of "
                    + object[1] + " bytes");
        }
        data.position((int) object[0]);
        return data.bytes(length);
    }
}
