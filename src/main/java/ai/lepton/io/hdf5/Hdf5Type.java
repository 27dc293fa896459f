package ai.lepton.io.hdf5;

/**
 * The element type of an HDF5 dataset or attribute, as far as Keras files need to tell types
 * apart. Numbers of every listed width are read exactly into {@code double}s (64-bit integers up
 * to 2<sup>53</sup>); strings are either HDF5's variable-length strings (what h5py writes for a
 * Python {@code str}) or fixed-length ones (what it writes for a NumPy {@code bytes} array, as
 * Keras 2 does for {@code layer_names}).
 */
public enum Hdf5Type {
    /** Signed 8-bit integer. */
    INT8(1),
    /** Unsigned 8-bit integer (also HDF5 enums such as h5py's booleans). */
    UINT8(1),
    /** Signed 16-bit integer. */
    INT16(2),
    /** Unsigned 16-bit integer. */
    UINT16(2),
    /** Signed 32-bit integer. */
    INT32(4),
    /** Unsigned 32-bit integer. */
    UINT32(4),
    /** Signed 64-bit integer. */
    INT64(8),
    /** Unsigned 64-bit integer. */
    UINT64(8),
    /** IEEE half precision. */
    FLOAT16(2),
    /** IEEE single precision: what Keras stores weights in. */
    FLOAT32(4),
    /** IEEE double precision. */
    FLOAT64(8),
    /** Fixed-length string (NumPy {@code S}); the byte size is the type's, not the enum's. */
    FIXED_STRING(0),
    /** Variable-length string, stored in the file's global heap. */
    VARIABLE_STRING(16),
    /** Any other type (compound, array, reference, opaque, ...): present in the tree, values unreadable. */
    OTHER(0);

    private final int bytes;

    Hdf5Type(int bytes) {
        this.bytes = bytes;
    }

    /** @return whether values of this type are numbers */
    public boolean isNumeric() {
        return this != FIXED_STRING && this != VARIABLE_STRING && this != OTHER;
    }

    /** @return whether values of this type are strings */
    public boolean isString() {
        return this == FIXED_STRING || this == VARIABLE_STRING;
    }

    /** The smallest value of an integer type (exact in a double up to 64 bits' rounding). */
    double min() {
        switch (this) {
            case INT8:
                return Byte.MIN_VALUE;
            case INT16:
                return Short.MIN_VALUE;
            case INT32:
                return Integer.MIN_VALUE;
            case INT64:
                return -9007199254740992.0;
            default:
                return 0;
        }
    }

    /** The largest value of an integer type; the 64-bit ones are capped at 2^53, where doubles stop being exact. */
    double max() {
        switch (this) {
            case INT8:
                return Byte.MAX_VALUE;
            case UINT8:
                return 255;
            case INT16:
                return Short.MAX_VALUE;
            case UINT16:
                return 65535;
            case INT32:
                return Integer.MAX_VALUE;
            case UINT32:
                return 4294967295.0;
            default:
                return 9007199254740992.0;
        }
    }

    /** The size of one element of a numeric type in the file, in bytes. */
    int bytes() {
        return bytes;
    }
}
