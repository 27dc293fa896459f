package ai.lepton.io.hdf5;

/**
 * An HDF5 dataspace message (format section IV.A.2.b): the dimensions of a dataset or attribute.
 * A scalar has no dimensions; HDF5's null dataspace (no elements at all) reads as shape {0}.
 */
final class Dataspace {
    /** HDF5's own limit on rank. */
    private static final int MAX_RANK = 32;

    final int[] shape;
    final int count;

    private Dataspace(int[] shape, int count) {
        this.shape = shape;
        this.count = count;
    }

    static Dataspace parse(Cursor c) {
        Hdf5Reader reader = c.reader();
        int version = c.u8();
        int rank = c.u8();
        int flags = c.u8();
        boolean isNull = false;
        if (version == 1) {
            c.skip(5);
        } else if (version == 2) {
            int kind = c.u8();
            isNull = kind == 2;
            if (kind > 2) {
                throw reader.corrupt("a dataspace has the unknown type " + kind);
            }
        } else {
            throw reader.corrupt("a dataspace message has the unknown version " + version);
        }
        if (rank > MAX_RANK) {
            throw reader.corrupt("a dataspace declares " + rank + " dimensions; HDF5 allows at most " + MAX_RANK);
        }
        if (isNull) {
            return new Dataspace(new int[] {0}, 0);
        }
        int[] shape = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            long d = c.length();
            if (d > Integer.MAX_VALUE) {
                throw reader.corrupt("a dimension of " + d + " is larger than Lepton's arrays can hold");
            }
            shape[i] = (int) d;
            count *= d;
            if (count > Integer.MAX_VALUE) {
                throw reader.corrupt("the shape declares more than " + Integer.MAX_VALUE + " elements");
            }
        }
        if ((flags & 1) != 0) {
            c.skip((long) rank * reader.lengthSize());
        }
        return new Dataspace(shape, (int) count);
    }
}
