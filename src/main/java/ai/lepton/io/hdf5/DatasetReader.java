package ai.lepton.io.hdf5;

/**
 * Reads a dataset's values from its object header: dataspace, datatype, fill value and data
 * layout (format sections IV.A.2.b, d, f and i). Compact and contiguous storage are read
 * directly; chunked storage goes to {@link ChunkedStorage}. Storage never written reads as the
 * fill value, as in HDF5.
 */
final class DatasetReader {
    private static final int COMPACT = 0;
    private static final int CONTIGUOUS = 1;
    private static final int CHUNKED = 2;

    private DatasetReader() {
    }

    static Hdf5Value values(Hdf5Reader reader, ObjectHeader header) {
        ObjectHeader.Message spaceMessage = header.first(ObjectHeader.DATASPACE);
        ObjectHeader.Message typeMessage = header.first(ObjectHeader.DATATYPE);
        if (spaceMessage == null || typeMessage == null) {
            throw reader.corrupt("the dataset has no " + (spaceMessage == null ? "dataspace" : "datatype") + " message");
        }
        Dataspace space = Dataspace.parse(spaceMessage.body());
        Datatype type = Datatype.parse(typeMessage.body());
        if (type.type == Hdf5Type.OTHER) {
            return Hdf5Value.ofOther(space.shape, type.description);
        }
        long bytes = (long) space.count * type.size;
        Cursor layout = header.first(ObjectHeader.LAYOUT).body();
        int version = layout.u8();
        if (version < 3 || version > 4) {
            throw reader.unsupported("data layout version " + version + " (written by HDF5 before 1.6.3)");
        }
        int layoutClass = layout.u8();
        byte[] raw;
        if (layoutClass == COMPACT) {
            int size = layout.u16();
            if (size < bytes) {
                throw reader.corrupt("the compact dataset holds " + size + " bytes where its shape needs " + bytes);
            }
            raw = layout.bytes(bytes);
        } else if (layoutClass == CONTIGUOUS) {
            long address = layout.offset();
            long size = layout.length();
            if (address == Hdf5Reader.UNDEFINED) {
                raw = fill(reader, header, type, bytes);
            } else if (size < bytes) {
                throw reader.corrupt("the dataset stores " + size + " bytes where its shape needs " + bytes);
            } else {
                raw = reader.at(address, bytes, "dataset's data").bytes(bytes);
            }
        } else if (layoutClass == CHUNKED) {
            raw = ChunkedStorage.read(reader, header, layout, version, space, type);
        } else {
            throw reader.unsupported("data layout class " + layoutClass + " (virtual datasets)");
        }
        return reader.decode(type, raw, space, "the dataset");
    }

    /**
     * The bytes of a dataset whose storage was never written: its fill value repeated, else zeros.
     * Keras never leaves data unwritten, so such a dataset may declare at most as many bytes as
     * the file has: a few bytes cannot make the reader allocate gigabytes.
     */
    static byte[] fill(Hdf5Reader reader, ObjectHeader header, Datatype type, long bytes) {
        if (bytes > reader.bytesFrom(0)) {
            throw reader.corrupt("the dataset declares " + bytes + " bytes but none are stored (Lepton reads unwritten "
                    + "datasets only up to the file's size)");
        }
        reader.charge(bytes, "the dataset's fill value");
        byte[] raw = new byte[(int) bytes];
        byte[] value = fillValue(header);
        if (value != null && value.length == type.size) {
            for (int i = 0; i < raw.length; i += value.length) {
                System.arraycopy(value, 0, raw, i, value.length);
            }
        }
        return raw;
    }

    /** The dataset's fill value, or null for HDF5's default of zeros. */
    static byte[] fillValue(ObjectHeader header) {
        ObjectHeader.Message m = header.first(ObjectHeader.FILL_VALUE);
        if (m == null) {
            return null;
        }
        Cursor c = m.body();
        int version = c.u8();
        boolean defined;
        if (version == 1 || version == 2) {
            c.skip(2);
            defined = c.u8() == 1;
        } else {
            defined = (c.u8() & 0x20) != 0;
        }
        if (!defined) {
            return null;
        }
        long size = c.u32();
        return size == 0 ? null : c.bytes(size);
    }
}
