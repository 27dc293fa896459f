package ai.lepton.io.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Little-endian reads from a block of file bytes, each checked against the block's end, so a
 * structure that claims more than it holds is a clear error rather than a buffer underflow.
 */
final class Cursor {
    private final Hdf5Reader reader;
    private final ByteBuffer buffer;
    private final long address;
    private final String structure;

    Cursor(Hdf5Reader reader, byte[] bytes, long address, String structure) {
        this.reader = reader;
        this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.address = address;
        this.structure = structure;
    }

    /** @return the file address of the next byte */
    long address() {
        return address + buffer.position();
    }

    int position() {
        return buffer.position();
    }

    int remaining() {
        return buffer.remaining();
    }

    void position(int position) {
        if (position < 0 || position > buffer.limit()) {
            throw reader.corrupt("the " + structure + " at address " + address + " points to byte " + position
                    + " of its " + buffer.limit());
        }
        buffer.position(position);
    }

    void skip(long n) {
        need(n);
        buffer.position(buffer.position() + (int) n);
    }

    void need(long n) {
        if (n < 0 || n > buffer.remaining()) {
            throw reader.corrupt("the " + structure + " at address " + address + " needs " + n + " more bytes at byte "
                    + buffer.position() + " but holds only " + buffer.remaining());
        }
    }

    int u8() {
        need(1);
        return buffer.get() & 0xff;
    }

    int u16() {
        need(2);
        return buffer.getShort() & 0xffff;
    }

    long u32() {
        need(4);
        return buffer.getInt() & 0xffffffffL;
    }

    /** An unsigned little-endian number of {@code n} bytes (1 to 8); eight 0xff bytes read as -1. */
    long unsigned(int n) {
        need(n);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (buffer.get() & 0xffL) << (8 * i);
        }
        return v;
    }

    /** A file address (the superblock's offset size); {@link Hdf5Reader#UNDEFINED} when all bits are set. */
    long offset() {
        int n = reader.offsetSize();
        long v = unsigned(n);
        if (n < 8 && v == (1L << (8 * n)) - 1) {
            return Hdf5Reader.UNDEFINED;
        }
        if (v < -1) {
            throw reader.corrupt("the " + structure + " at address " + address + " holds an address beyond 2^63");
        }
        return v;
    }

    /** A length (the superblock's length size), checked to be a non-negative long. */
    long length() {
        long v = unsigned(reader.lengthSize());
        if (v < 0) {
            throw reader.corrupt("the " + structure + " at address " + address + " holds a length of 2^63 or more");
        }
        return v;
    }

    byte[] bytes(long n) {
        need(n);
        byte[] out = new byte[(int) n];
        buffer.get(out);
        return out;
    }

    /** The next {@code n} bytes as their own cursor; this one moves past them. */
    Cursor slice(long n, String what) {
        long at = address();
        return new Cursor(reader, bytes(n), at, what);
    }

    /** Checks a signature such as {@code OHDR}. */
    void signature(String expected) {
        byte[] got = bytes(expected.length());
        for (int i = 0; i < got.length; i++) {
            if (got[i] != expected.charAt(i)) {
                throw reader.corrupt("expected the signature " + expected + " of a " + structure + " at address "
                        + address + ", found other bytes");
            }
        }
    }

    Hdf5Reader reader() {
        return reader;
    }

    String structure() {
        return structure;
    }
}
