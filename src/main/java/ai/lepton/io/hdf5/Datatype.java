package ai.lepton.io.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * An HDF5 datatype message (format section IV.A.2.d), parsed far enough to decode the types Keras
 * files hold: integers, IEEE floats, fixed and variable-length strings, and enums by their integer
 * values. Anything else is kept as {@link Hdf5Type#OTHER} with a description.
 */
final class Datatype {
    private static final int FIXED_POINT = 0;
    private static final int FLOATING_POINT = 1;
    private static final int STRING = 3;
    private static final int ENUM = 8;
    private static final int VARIABLE_LENGTH = 9;
    private static final String[] CLASS_NAMES = {"integer", "float", "time", "string", "bitfield", "opaque",
            "compound", "reference", "enum", "variable-length sequence", "array"};

    final Hdf5Type type;
    /** The bytes of one element in the file. */
    final int size;
    final ByteOrder order;
    /** String padding: 0 null-terminated, 1 null-padded, 2 space-padded. */
    final int padding;
    final String description;

    private Datatype(Hdf5Type type, int size, ByteOrder order, int padding, String description) {
        this.type = type;
        this.size = size;
        this.order = order;
        this.padding = padding;
        this.description = description;
    }

    static Datatype parse(Cursor c) {
        int classAndVersion = c.u8();
        int typeClass = classAndVersion & 0x0f;
        int bits = c.u8() | c.u8() << 8 | c.u8() << 16;
        long size = c.u32();
        if (size == 0 || size > Integer.MAX_VALUE) {
            throw c.reader().corrupt("a datatype declares elements of " + size + " bytes");
        }
        ByteOrder order = (bits & 1) != 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String name = typeClass < CLASS_NAMES.length ? CLASS_NAMES[typeClass] : "class " + typeClass;
        Datatype other = new Datatype(Hdf5Type.OTHER, (int) size, order, 0, name + " (" + size + " bytes)");
        switch (typeClass) {
            case FIXED_POINT: {
                int bitOffset = c.u16();
                int precision = c.u16();
                Hdf5Type t = integer((int) size, (bits & 0x08) != 0);
                return t == null || bitOffset != 0 || precision != 8 * size ? other
                        : new Datatype(t, (int) size, order, 0, t.toString());
            }
            case FLOATING_POINT: {
                c.skip(4);
                int exponentLocation = c.u8();
                int exponentSize = c.u8();
                int mantissaLocation = c.u8();
                int mantissaSize = c.u8();
                long bias = c.u32();
                boolean vax = (bits & 0x40) != 0;
                Hdf5Type t = ieee((int) size, exponentLocation, exponentSize, mantissaLocation, mantissaSize, bias);
                return t == null || vax ? other : new Datatype(t, (int) size, order, 0, t.toString());
            }
            case STRING:
                return new Datatype(Hdf5Type.FIXED_STRING, (int) size, order, bits & 0x0f, "string of " + size + " bytes");
            case ENUM: {
                Datatype base = parse(c);
                return base.type.isNumeric() && base.type != Hdf5Type.FLOAT16 && base.type != Hdf5Type.FLOAT32
                        && base.type != Hdf5Type.FLOAT64 ? base : other;
            }
            case VARIABLE_LENGTH:
                return (bits & 0x0f) == 1
                        ? new Datatype(Hdf5Type.VARIABLE_STRING, (int) size, order, 0, "variable-length string")
                        : other;
            default:
                return other;
        }
    }

    private static Hdf5Type integer(int size, boolean signed) {
        switch (size) {
            case 1:
                return signed ? Hdf5Type.INT8 : Hdf5Type.UINT8;
            case 2:
                return signed ? Hdf5Type.INT16 : Hdf5Type.UINT16;
            case 4:
                return signed ? Hdf5Type.INT32 : Hdf5Type.UINT32;
            case 8:
                return signed ? Hdf5Type.INT64 : Hdf5Type.UINT64;
            default:
                return null;
        }
    }

    private static Hdf5Type ieee(int size, int eLoc, int eSize, int mLoc, int mSize, long bias) {
        if (size == 2 && eLoc == 10 && eSize == 5 && mLoc == 0 && mSize == 10 && bias == 15) {
            return Hdf5Type.FLOAT16;
        }
        if (size == 4 && eLoc == 23 && eSize == 8 && mLoc == 0 && mSize == 23 && bias == 127) {
            return Hdf5Type.FLOAT32;
        }
        if (size == 8 && eLoc == 52 && eSize == 11 && mLoc == 0 && mSize == 52 && bias == 1023) {
            return Hdf5Type.FLOAT64;
        }
        return null;
    }

    /**
     * Decodes {@code count} elements stored in {@code raw}, whose length the caller has checked
     * to be {@code count * size}.
     */
    Hdf5Value decode(Hdf5Reader reader, byte[] raw, int[] shape, int count) {
        if (type == Hdf5Type.OTHER) {
            return Hdf5Value.ofOther(shape, description);
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(order);
        if (type == Hdf5Type.FIXED_STRING) {
            String[] out = new String[count];
            for (int i = 0; i < count; i++) {
                out[i] = fixedString(raw, i * size);
            }
            return Hdf5Value.ofStrings(type, shape, out, size);
        }
        if (type == Hdf5Type.VARIABLE_STRING) {
            String[] out = new String[count];
            Cursor c = new Cursor(reader, raw, -1, "variable-length string");
            for (int i = 0; i < count; i++) {
                c.position(i * size);
                out[i] = reader.globalHeapString(c.u32(), c.offset(), c.u32());
            }
            return Hdf5Value.ofStrings(type, shape, out, 0);
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = number(b, i * size);
        }
        return Hdf5Value.ofNumbers(type, shape, out);
    }

    private double number(ByteBuffer b, int at) {
        switch (type) {
            case INT8:
                return b.get(at);
            case UINT8:
                return b.get(at) & 0xff;
            case INT16:
                return b.getShort(at);
            case UINT16:
                return b.getShort(at) & 0xffff;
            case INT32:
                return b.getInt(at);
            case UINT32:
                return b.getInt(at) & 0xffffffffL;
            case INT64:
                return b.getLong(at);
            case UINT64: {
                long v = b.getLong(at);
                return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
            }
            case FLOAT16:
                return half(b.getShort(at));
            case FLOAT32:
                return b.getFloat(at);
            default:
                return b.getDouble(at);
        }
    }

    /** IEEE half precision to double, exactly (subnormals, infinities and NaN included). */
    static double half(short bits) {
        int sign = (bits & 0x8000) != 0 ? -1 : 1;
        int exponent = (bits >> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        if (exponent == 0) {
            return sign * mantissa * 0x1p-24;
        }
        return sign * (1 + mantissa * 0x1p-10) * Math.scalb(1.0, exponent - 15);
    }

    private String fixedString(byte[] raw, int at) {
        int end = at + size;
        if (padding == 2) {
            while (end > at && raw[end - 1] == ' ') {
                end--;
            }
        } else {
            for (int i = at; i < end; i++) {
                if (raw[i] == 0) {
                    end = i;
                    break;
                }
            }
        }
        return new String(raw, at, end - at, StandardCharsets.UTF_8);
    }
}
