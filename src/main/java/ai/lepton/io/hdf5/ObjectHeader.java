package ai.lepton.io.hdf5;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The messages of one object header (format section IV.A), version 1 or 2, with its continuation
 * blocks followed. A continuation that points back into a block already read is a loop and an error.
 */
final class ObjectHeader {
    static final int DATASPACE = 0x01;
    static final int LINK_INFO = 0x02;
    static final int DATATYPE = 0x03;
    static final int FILL_VALUE_OLD = 0x04;
    static final int FILL_VALUE = 0x05;
    static final int LINK = 0x06;
    static final int LAYOUT = 0x08;
    static final int FILTER_PIPELINE = 0x0b;
    static final int ATTRIBUTE = 0x0c;
    static final int CONTINUATION = 0x10;
    static final int SYMBOL_TABLE = 0x11;
    static final int ATTRIBUTE_INFO = 0x15;
    private static final int SHARED = 0x02;

    /** One message: its type and its bytes. */
    record Message(int type, Cursor body) {
    }

    final List<Message> messages;

    private ObjectHeader(List<Message> messages) {
        this.messages = messages;
    }

    /** The first message of a type, or null. */
    Message first(int type) {
        for (Message m : messages) {
            if (m.type == type) {
                return m;
            }
        }
        return null;
    }

    List<Message> all(int type) {
        List<Message> out = new ArrayList<>();
        for (Message m : messages) {
            if (m.type == type) {
                out.add(m);
            }
        }
        return out;
    }

    static ObjectHeader read(Hdf5Reader reader, long address) {
        Cursor probe = reader.at(address, Math.min(16, reader.bytesFrom(address)), "object header");
        if (probe.remaining() >= 4 && probe.bytes(4)[0] == 'O') {
            return readVersion2(reader, address);
        }
        return readVersion1(reader, address);
    }

    private static ObjectHeader readVersion1(Hdf5Reader reader, long address) {
        Cursor prefix = reader.at(address, 16, "object header");
        int version = prefix.u8();
        if (version != 1) {
            throw reader.corrupt("the object header at address " + address + " has the unknown version " + version);
        }
        prefix.skip(3);
        prefix.u32();
        long size = prefix.u32();
        List<Message> messages = new ArrayList<>();
        Deque<long[]> blocks = new ArrayDeque<>();
        blocks.add(new long[] {address + 16, size});
        Set<Long> seen = new HashSet<>();
        while (!blocks.isEmpty()) {
            long[] block = blocks.poll();
            checkNew(reader, seen, block[0]);
            Cursor c = reader.at(block[0], block[1], "object header block");
            while (c.remaining() >= 8) {
                int type = c.u16();
                int length = c.u16();
                int flags = c.u8();
                c.skip(3);
                Cursor body = c.slice(length, "header message");
                add(reader, messages, blocks, type, flags, body);
            }
        }
        return new ObjectHeader(messages);
    }

    private static ObjectHeader readVersion2(Hdf5Reader reader, long address) {
        // The longest prefix: signature, version, flags, four times, two phase-change counts, an 8-byte size.
        Cursor prefix = reader.at(address, Math.min(34, reader.bytesFrom(address)), "object header");
        prefix.signature("OHDR");
        int version = prefix.u8();
        if (version != 2) {
            throw reader.corrupt("the object header at address " + address + " has the unknown version " + version);
        }
        int flags = prefix.u8();
        if ((flags & 0x20) != 0) {
            prefix.skip(16);
        }
        if ((flags & 0x10) != 0) {
            prefix.skip(4);
        }
        long chunkSize = prefix.unsigned(1 << (flags & 3));
        if (chunkSize < 0) {
            throw reader.corrupt("the object header at address " + address + " declares an impossible size");
        }
        boolean creationOrder = (flags & 0x04) != 0;
        List<Message> messages = new ArrayList<>();
        Deque<long[]> blocks = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        long first = address + prefix.position();
        checkNew(reader, seen, first);
        readBlock(reader, reader.at(first, chunkSize, "object header block"), creationOrder, messages, blocks);
        while (!blocks.isEmpty()) {
            long[] block = blocks.poll();
            checkNew(reader, seen, block[0]);
            Cursor c = reader.at(block[0], block[1], "object header continuation");
            c.signature("OCHK");
            readBlock(reader, c.slice(c.remaining() - 4L, "object header continuation"), creationOrder, messages, blocks);
        }
        return new ObjectHeader(messages);
    }

    private static void readBlock(Hdf5Reader reader, Cursor c, boolean creationOrder, List<Message> messages,
            Deque<long[]> blocks) {
        int headerBytes = creationOrder ? 6 : 4;
        while (c.remaining() >= headerBytes) {
            int type = c.u8();
            int length = c.u16();
            int flags = c.u8();
            if (creationOrder) {
                c.skip(2);
            }
            add(reader, messages, blocks, type, flags, c.slice(length, "header message"));
        }
    }

    private static void add(Hdf5Reader reader, List<Message> messages, Deque<long[]> blocks, int type, int flags,
            Cursor body) {
        if (type == CONTINUATION) {
            long at = body.offset();
            long length = body.length();
            blocks.add(new long[] {at, length});
        } else if ((flags & SHARED) != 0 && type != 0) {
            throw reader.unsupported("a shared header message (type " + type + "), as written for committed "
                    + "datatypes; Keras files have none");
        } else {
            messages.add(new Message(type, body));
        }
    }

    private static void checkNew(Hdf5Reader reader, Set<Long> seen, long address) {
        if (!seen.add(address)) {
            throw reader.corrupt("the object header's continuations loop back to address " + address);
        }
    }
}
