package ai.lepton.io.hdf5;

import ai.lepton.io.LoadLimits;
import ai.lepton.io.ModelFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an HDF5 file into a tree of {@link Hdf5Group}s and {@link Hdf5Dataset}s, trusting
 * nothing: every address and size is checked against the file's size before anything is read,
 * every byte read or decoded is charged to {@link Hdf5Limits#maxReadBytes()}, group nesting and
 * object count are bounded, and a group that contains its own ancestor is a cycle. Every failure is
 * a {@link ModelFormatException} naming the file and the object's path.
 */
final class Hdf5Reader {
    /** An address with all bits set: "nothing here". */
    static final long UNDEFINED = -1;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private final ByteSource source;
    private final String file;
    private final Hdf5Limits limits;
    private final Map<Long, GlobalHeap> globalHeaps = new HashMap<>();
    /** Strings by heap ID and length: many elements may name one heap object, and each is decoded and charged once. */
    private final Map<List<Long>, String> strings = new HashMap<>();
    private final Set<Long> ancestors = new HashSet<>();
    private long base;
    private int offsetSize = 8;
    private int lengthSize = 8;
    private long charged;
    private int objects;
    private String where = "superblock";

    Hdf5Reader(ByteSource source, String file, Hdf5Limits limits) {
        this.source = source;
        this.file = file;
        this.limits = limits;
    }

    Hdf5Group read() {
        long root = superblock();
        Hdf5Node node = node("/", root, 0);
        if (!(node instanceof Hdf5Group group)) {
            throw corrupt("the root object is a dataset, not a group");
        }
        return group;
    }

    int offsetSize() {
        return offsetSize;
    }

    int lengthSize() {
        return lengthSize;
    }

    ModelFormatException corrupt(String what) {
        return new ModelFormatException(file + ": " + where + ": " + what + " (the HDF5 file is damaged or truncated)");
    }

    ModelFormatException unsupported(String what) {
        return new ModelFormatException(file + ": " + where + ": Lepton's HDF5 reader does not support " + what);
    }

    /** The bytes from an address to the end of the file. */
    long bytesFrom(long address) {
        long available = source.size() - base - address;
        if (address < 0 || available < 0) {
            throw corrupt("the address " + address + " lies beyond the end of the file (" + source.size() + " bytes)");
        }
        return available;
    }

    /** Reads {@code length} bytes at a file address, after checking that they exist and fit the budget. */
    Cursor at(long address, long length, String structure) {
        if (address == UNDEFINED) {
            throw corrupt("a " + structure + " has no address");
        }
        if (length < 0 || length > bytesFrom(address)) {
            throw corrupt("a " + structure + " of " + length + " bytes at address " + address
                    + " runs past the end of the file (" + source.size() + " bytes)");
        }
        charge(length, structure);
        try {
            return new Cursor(this, source.read(base + address, (int) length), address, structure);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Counts bytes about to be read or allocated against the limit, before they are. */
    void charge(long bytes, String what) {
        charged += bytes;
        if (bytes > Integer.MAX_VALUE - 16 || charged > limits.maxReadBytes()) {
            throw new ModelFormatException(file + ": " + where + ": reading " + what + " would take the total read past "
                    + limits.maxReadBytes() + " bytes (Hdf5Limits.maxReadBytes, for model loads the smaller of half the JVM's maximum heap and the "
                    + "system property " + LoadLimits.MAX_BYTES_PROPERTY + "); the file is too large or corrupt");
        }
    }

    String globalHeapString(long length, long collection, long index) {
        if (length == 0) {
            return "";
        }
        List<Long> id = List.of(collection, index, length);
        String known = strings.get(id);
        if (known != null) {
            return known;
        }
        charge(2 * length, "a variable-length string");
        GlobalHeap heap = globalHeaps.get(collection);
        if (heap == null) {
            heap = GlobalHeap.read(this, collection);
            globalHeaps.put(collection, heap);
        }
        String s = new String(heap.bytes(this, index, length), StandardCharsets.UTF_8);
        strings.put(id, s);
        return s;
    }

    private long superblock() {
        long at = 0;
        while (!signatureAt(at)) {
            at = at == 0 ? 512 : at * 2;
            if (at + SIGNATURE.length > source.size()) {
                throw new ModelFormatException(file + " is not an HDF5 file: it has no HDF5 signature");
            }
        }
        base = at;
        Cursor c = at(SIGNATURE.length, Math.min(bytesFrom(SIGNATURE.length), 128), "superblock");
        int version = c.u8();
        long end;
        long root;
        if (version == 0 || version == 1) {
            c.skip(4);
            offsetSize = sizeField(c.u8(), "offsets");
            lengthSize = sizeField(c.u8(), "lengths");
            c.skip(1 + 4 + 4 + (version == 1 ? 4 : 0));
            long baseField = c.offset();
            c.offset();
            end = c.offset();
            c.offset();
            c.offset();
            root = c.offset();
            base = baseField == 0 ? at : baseField;
        } else if (version == 2 || version == 3) {
            offsetSize = sizeField(c.u8(), "offsets");
            lengthSize = sizeField(c.u8(), "lengths");
            c.skip(1);
            long baseField = c.offset();
            c.offset();
            end = c.offset();
            root = c.offset();
            base = baseField == 0 ? at : baseField;
        } else {
            throw unsupported("superblock version " + version);
        }
        if (end != UNDEFINED && end > source.size() - base) {
            throw corrupt("the file has " + source.size() + " bytes but its superblock says it ends at byte " + (base + end));
        }
        return root;
    }

    private boolean signatureAt(long at) {
        if (at + SIGNATURE.length > source.size()) {
            return false;
        }
        try {
            byte[] b = source.read(at, SIGNATURE.length);
            for (int i = 0; i < b.length; i++) {
                if (b[i] != SIGNATURE[i]) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private int sizeField(int size, String what) {
        if (size != 2 && size != 4 && size != 8) {
            throw corrupt("the superblock declares " + what + " of " + size + " bytes");
        }
        return size;
    }

    private Hdf5Node node(String path, long address, int depth) {
        where = path;
        if (depth > limits.maxDepth()) {
            throw new ModelFormatException(file + ": " + path + ": groups nest deeper than " + limits.maxDepth()
                    + " levels (Hdf5Limits.maxDepth)");
        }
        if (ancestors.contains(address)) {
            throw corrupt("the group contains its own ancestor (object header address " + address + "), a cycle");
        }
        if (++objects > limits.maxObjects()) {
            throw new ModelFormatException(file + ": " + path + ": the file holds more than " + limits.maxObjects()
                    + " objects (Hdf5Limits.maxObjects)");
        }
        ObjectHeader header = ObjectHeader.read(this, address);
        Map<String, Hdf5Value> attributes = attributes(header);
        if (header.first(ObjectHeader.LAYOUT) != null) {
            return new Hdf5Dataset(path, DatasetReader.values(this, header), attributes);
        }
        Map<String, Long> links = links(header);
        Map<String, Hdf5Node> children = new LinkedHashMap<>();
        ancestors.add(address);
        for (Map.Entry<String, Long> link : links.entrySet()) {
            children.put(link.getKey(), node((path.equals("/") ? "" : path) + "/" + link.getKey(), link.getValue(), depth + 1));
        }
        ancestors.remove(address);
        where = path;
        return new Hdf5Group(path, children, attributes);
    }

    private Map<String, Long> links(ObjectHeader header) {
        ObjectHeader.Message table = header.first(ObjectHeader.SYMBOL_TABLE);
        Map<String, Long> links = new LinkedHashMap<>();
        if (table != null) {
            long btree = table.body().offset();
            long heap = table.body().offset();
            links.putAll(SymbolTable.read(this, btree, heap));
        }
        for (ObjectHeader.Message m : header.all(ObjectHeader.LINK)) {
            link(m.body(), links);
        }
        ObjectHeader.Message info = header.first(ObjectHeader.LINK_INFO);
        if (info != null) {
            Cursor c = info.body();
            c.u8();
            int flags = c.u8();
            c.skip((flags & 1) != 0 ? 8 : 0);
            long heap = c.offset();
            long nameIndex = c.offset();
            if (heap != UNDEFINED) {
                for (Cursor record : DenseStorage.records(this, heap, nameIndex, DenseStorage.LINKS)) {
                    link(record, links);
                }
            }
        }
        if (table == null && info == null && links.isEmpty() && header.first(ObjectHeader.DATATYPE) != null) {
            throw unsupported("a committed (named) datatype; Keras files have none");
        }
        for (String name : links.keySet()) {
            if (name.isEmpty() || name.contains("/")) {
                throw corrupt("a link has the invalid name '" + name + "'");
            }
        }
        return links;
    }

    private void link(Cursor c, Map<String, Long> links) {
        int version = c.u8();
        if (version != 1) {
            throw corrupt("a link message has the unknown version " + version);
        }
        int flags = c.u8();
        int type = (flags & 0x08) != 0 ? c.u8() : 0;
        c.skip((flags & 0x04) != 0 ? 8 : 0);
        c.skip((flags & 0x10) != 0 ? 1 : 0);
        long nameLength = c.unsigned(1 << (flags & 3));
        String name = new String(c.bytes(nameLength), StandardCharsets.UTF_8);
        if (type != 0) {
            throw unsupported("the " + (type == 1 ? "soft" : type == 64 ? "external" : "type " + type) + " link '"
                    + name + "'; Keras files have none");
        }
        if (links.put(name, c.offset()) != null) {
            throw corrupt("the group names two objects '" + name + "'");
        }
    }

    private Map<String, Hdf5Value> attributes(ObjectHeader header) {
        Map<String, Hdf5Value> out = new LinkedHashMap<>();
        for (ObjectHeader.Message m : header.all(ObjectHeader.ATTRIBUTE)) {
            attribute(m.body(), out);
        }
        ObjectHeader.Message info = header.first(ObjectHeader.ATTRIBUTE_INFO);
        if (info != null) {
            Cursor c = info.body();
            c.u8();
            int flags = c.u8();
            c.skip((flags & 1) != 0 ? 2 : 0);
            long heap = c.offset();
            long nameIndex = c.offset();
            if (heap != UNDEFINED) {
                for (Cursor record : DenseStorage.records(this, heap, nameIndex, DenseStorage.ATTRIBUTES)) {
                    attribute(record, out);
                }
            }
        }
        return out;
    }

    private void attribute(Cursor c, Map<String, Hdf5Value> out) {
        int version = c.u8();
        if (version < 1 || version > 3) {
            throw corrupt("an attribute message has the unknown version " + version);
        }
        int flags = c.u8();
        if (version > 1 && (flags & 0x03) != 0) {
            throw unsupported("an attribute with a shared datatype or dataspace");
        }
        int nameSize = c.u16();
        int typeSize = c.u16();
        int spaceSize = c.u16();
        if (version == 3) {
            c.u8();
        }
        boolean padded = version == 1;
        byte[] rawName = c.bytes(nameSize);
        skipPadding(c, nameSize, padded);
        int length = rawName.length;
        while (length > 0 && rawName[length - 1] == 0) {
            length--;
        }
        String name = new String(rawName, 0, length, StandardCharsets.UTF_8);
        Datatype type = Datatype.parse(c.slice(typeSize, "datatype of attribute '" + name + "'"));
        skipPadding(c, typeSize, padded);
        Dataspace space = Dataspace.parse(c.slice(spaceSize, "dataspace of attribute '" + name + "'"));
        skipPadding(c, spaceSize, padded);
        if (out.containsKey(name)) {
            throw corrupt("the object has two attributes '" + name + "'");
        }
        if (type.type == Hdf5Type.OTHER) {
            out.put(name, Hdf5Value.ofOther(space.shape, type.description));
            return;
        }
        long bytes = (long) space.count * type.size;
        if (bytes > c.remaining()) {
            throw corrupt("the attribute '" + name + "' declares " + bytes + " bytes of data but holds " + c.remaining());
        }
        out.put(name, decode(type, c.bytes(bytes), space, "attribute '" + name + "'"));
    }

    /** Decodes checked raw bytes, charging the decoded numbers to the budget first. */
    Hdf5Value decode(Datatype type, byte[] raw, Dataspace space, String what) {
        if (type.type.isNumeric()) {
            charge((long) space.count * Double.BYTES, what);
        }
        return type.decode(this, raw, space.shape, space.count);
    }

    private static void skipPadding(Cursor c, int size, boolean padded) {
        if (padded) {
            c.skip(Math.min(c.remaining(), (8 - size % 8) % 8));
        }
    }
}
