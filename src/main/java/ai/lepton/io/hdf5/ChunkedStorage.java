package ai.lepton.io.hdf5;

/**
 * Chunked dataset storage (format section IV.A.2.i, layout class 2): what h5py writes only when
 * asked for compression, chunks or resizable datasets, which Keras never does.
 */
final class ChunkedStorage {
    private ChunkedStorage() {
    }

    static byte[] read(Hdf5Reader reader, ObjectHeader header, Cursor layout, int version, Dataspace space, Datatype type) {
        throw reader.unsupported("chunked datasets (written with compression, chunks or maxshape); Keras writes "
                + "contiguous ones");
    }
}
