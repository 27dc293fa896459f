package ai.lepton.io.hdf5;

import java.util.HashMap;
import java.util.Map;

/**
 * A fractal heap (format section III.G): where dense storage keeps link and attribute messages.
 * Objects are found by heap ID: "managed" ones through the doubling table of direct and indirect
 * blocks, "tiny" ones inside the ID itself, "huge" ones through a version 2 B-tree. Filtered
 * (compressed) heaps are not supported; Keras and h5py never make them.
 */
final class FractalHeap {
    private static final int MANAGED = 0;
    private static final int HUGE = 1;
    private static final int TINY = 2;
    /** Doubling tables past this many rows would address more than 2^64 bytes. */
    private static final int MAX_ROWS = 64;

    private final Hdf5Reader reader;
    private final long address;
    private final int idLength;
    private final boolean checksummedBlocks;
    private final long hugeTree;
    private final int width;
    private final long startBlockSize;
    private final long maxDirectBlockSize;
    private final int offsetBytes;
    private final int lengthBytes;
    private final long root;
    private final int rootRows;
    private final boolean directHugeIds;
    private final Map<Long, Cursor> directBlocks = new HashMap<>();
    private Map<Long, long[]> hugeObjects;

    private FractalHeap(Hdf5Reader reader, long address) {
        this.reader = reader;
        this.address = address;
        int o = reader.offsetSize();
        int l = reader.lengthSize();
        Cursor h = reader.at(address, 26 + 12L * l + 3L * o, "fractal heap header");
        h.signature("FRHP");
        if (h.u8() != 0) {
            throw reader.corrupt("the fractal heap at address " + address + " has an unknown version");
        }
        idLength = h.u16();
        int filterBytes = h.u16();
        int flags = h.u8();
        long maxManagedSize = h.u32();
        h.length();
        hugeTree = h.offset();
        h.skip(l);
        h.offset();
        h.skip(8L * l);
        width = h.u16();
        startBlockSize = h.length();
        maxDirectBlockSize = h.length();
        int maxHeapBits = h.u16();
        h.u16();
        root = h.offset();
        rootRows = h.u16();
        if (filterBytes != 0) {
            throw reader.unsupported("a filtered (compressed) fractal heap");
        }
        if (width == 0 || width > 65536 || Long.bitCount(startBlockSize) != 1 || Long.bitCount(maxDirectBlockSize) != 1
                || maxDirectBlockSize < startBlockSize || maxHeapBits == 0 || maxHeapBits > 64 || rootRows > MAX_ROWS
                || idLength < 2) {
            throw reader.corrupt("the fractal heap at address " + address + " has an impossible doubling table");
        }
        checksummedBlocks = (flags & 0x02) != 0;
        offsetBytes = (maxHeapBits + 7) / 8;
        lengthBytes = Math.min(encodedSize(maxDirectBlockSize), encodedSize(maxManagedSize));
        // HDF5 stores a huge object's address and length in its ID when the ID is long enough.
        directHugeIds = idLength - 1 >= o + l;
    }

    private static int encodedSize(long max) {
        return (63 - Long.numberOfLeadingZeros(Math.max(1, max))) / 8 + 1;
    }

    static FractalHeap open(Hdf5Reader reader, long address) {
        return new FractalHeap(reader, address);
    }

    /** The object named by a heap ID, as a cursor over its bytes. */
    Cursor object(byte[] id) {
        if (id.length < 1) {
            throw reader.corrupt("an empty fractal heap ID");
        }
        int kind = (id[0] >> 4) & 0x03;
        Cursor c = new Cursor(reader, id, address, "fractal heap ID");
        c.skip(1);
        if (kind == TINY) {
            int length = (id[0] & 0x0f) + 1;
            if (idLength > 18) {
                length = ((id[0] & 0x0f) << 8 | c.u8()) + 1;
            }
            return c.slice(length, "tiny heap object");
        }
        if (kind == HUGE) {
            return huge(c);
        }
        if (kind != MANAGED) {
            throw reader.corrupt("a fractal heap ID has the unknown type " + kind);
        }
        long offset = c.unsigned(offsetBytes);
        long length = c.unsigned(lengthBytes);
        return managed(offset, length);
    }

    private Cursor managed(long offset, long length) {
        if (rootRows == 0) {
            return inDirectBlock(root, 0, startBlockSize, offset, length);
        }
        return inIndirectBlock(root, 0, rootRows, offset, length);
    }

    private long rowBlockSize(int row) {
        return row == 0 ? startBlockSize : startBlockSize << (row - 1);
    }

    private Cursor inIndirectBlock(long block, long blockOffset, int rows, long offset, long length) {
        int o = reader.offsetSize();
        long rowStart = blockOffset;
        int directRows = Long.numberOfTrailingZeros(maxDirectBlockSize) - Long.numberOfTrailingZeros(startBlockSize) + 2;
        for (int row = 0; row < rows; row++) {
            long size = rowBlockSize(row);
            if (size <= 0 || size > Long.MAX_VALUE / width) {
                break;
            }
            long rowBytes = size * width;
            if (offset >= rowStart && offset - rowStart < rowBytes) {
                int column = (int) ((offset - rowStart) / size);
                long entry = 5 + o + offsetBytes + (long) (row * width + column) * o;
                long child = reader.at(block + entry, o, "fractal heap indirect block").offset();
                long childOffset = rowStart + column * size;
                if (row < directRows) {
                    return inDirectBlock(child, childOffset, size, offset, length);
                }
                int childRows = Long.numberOfTrailingZeros(size)
                        - Long.numberOfTrailingZeros(startBlockSize * width) + 1;
                // A child has fewer rows than its parent, so the descent ends within MAX_ROWS steps.
                if (childRows <= 0 || childRows >= rows) {
                    throw reader.corrupt("the fractal heap's indirect block at address " + child + " is out of place");
                }
                return inIndirectBlock(child, childOffset, childRows, offset, length);
            }
            rowStart += rowBytes;
        }
        throw reader.corrupt("a fractal heap ID points to offset " + offset + ", outside the heap");
    }

    private Cursor inDirectBlock(long block, long blockOffset, long size, long offset, long length) {
        Cursor data = directBlocks.get(block);
        if (data == null) {
            data = reader.at(block, size, "fractal heap direct block");
            data.signature("FHDB");
            data.u8();
            if (data.offset() != address) {
                throw reader.corrupt("the fractal heap direct block at address " + block + " belongs to another heap");
            }
            directBlocks.put(block, data);
        }
        long start = offset - blockOffset;
        int header = 5 + reader.offsetSize() + offsetBytes + (checksummedBlocks ? 4 : 0);
        if (start < header || length < 0 || start + length > size) {
            throw reader.corrupt("a fractal heap object of " + length + " bytes at offset " + offset
                    + " does not lie within its direct block");
        }
        data.position((int) start);
        return data.slice(length, "fractal heap object");
    }

    /** A huge object: at the address and length in its ID, or found through the heap's B-tree of huge objects. */
    private Cursor huge(Cursor id) {
        if (directHugeIds) {
            long at = id.offset();
            return reader.at(at, id.length(), "huge fractal heap object");
        }
        if (hugeObjects == null) {
            hugeObjects = new HashMap<>();
            if (hugeTree != Hdf5Reader.UNDEFINED) {
                for (Cursor r : BTreeV2.records(reader, hugeTree, 1)) {
                    long at = r.offset();
                    long length = r.length();
                    hugeObjects.put(r.length(), new long[] {at, length});
                }
            }
        }
        long key = id.unsigned(Math.min(8, id.remaining()));
        long[] object = hugeObjects.get(key);
        if (object == null) {
            throw reader.corrupt("a fractal heap ID names huge object " + key + ", which its B-tree does not hold");
        }
        return reader.at(object[0], object[1], "huge fractal heap object");
    }
}
