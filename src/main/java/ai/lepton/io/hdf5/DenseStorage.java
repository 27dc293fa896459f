package ai.lepton.io.hdf5;

import java.util.List;

/**
 * Links and attributes kept in "dense" storage, a fractal heap indexed by a version 2 B-tree
 * (format sections III.G and III.A.2): what HDF5 uses for groups with many links or objects with
 * large attributes when a file is written with {@code libver="latest"}.
 */
final class DenseStorage {
    private DenseStorage() {
    }

    /** The stored messages (link or attribute messages), each as its own cursor. */
    static List<Cursor> records(Hdf5Reader reader, long heapAddress, long nameIndexAddress, String what) {
        throw reader.unsupported("dense storage of " + what + " (files written with libver=\"latest\"); h5py's "
                + "default files keep them compact");
    }
}
