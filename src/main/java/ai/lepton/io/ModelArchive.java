package ai.lepton.io;

import ai.lepton.tensor.Shapes;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The container of a model file: one zip holding a JSON description ({@code model.json}) and
 * named arrays of little-endian float64 values ({@code arrays/0.f64}, ...). See
 * {@code docs/model-format.md} for the layout.
 *
 * <p>Writing is atomic ({@link AtomicFile}): the file is written to a temporary file in the same
 * folder, flushed to disk, read back and then moved over the final name, so a crash or a full disk
 * never leaves a broken file under that name nor destroys the previous one. Reading trusts nothing in the file: every
 * declared size is checked against limits ({@link LoadLimits}: the heap, a settable bound, the
 * compression ratio) before anything is allocated and against the bytes actually present, each
 * array is inflated straight into the one {@code double[]} of its declared size, each entry's
 * CRC-32 is verified, and anything wrong is a {@link ModelFormatException}.
 *
 * <pre>{@code
 * JsonObject description = new JsonObject();
 * ModelArchive.write(path, description, List.of(new NamedArray("w", new int[] {2}, new double[] {1, 2})));
 * ModelArchive archive = ModelArchive.read(path);
 * double[] w = archive.array("w").values();
 * }</pre>
 */
public final class ModelArchive {
    /** The format version this Lepton writes and the newest it reads (it reads version 1 too). */
    public static final int FORMAT_VERSION = 2;
    /** The Lepton version written into each file. */
    public static final String LEPTON_VERSION = "0.1.0-SNAPSHOT";
    /** The largest total of array data a file may declare, in bytes (2 GiB). */
    public static final long MAX_ARRAY_BYTES = 1L << 31;
    /** The largest JSON description accepted, in bytes. */
    public static final int MAX_DESCRIPTION_BYTES = 16 << 20;
    /** The most entries a model file may hold. */
    public static final int MAX_ENTRIES = 100_000;

    static final String DESCRIPTION_ENTRY = "model.json";
    private static final String ARRAY_PREFIX = "arrays/";
    private static final String ARRAY_SUFFIX = ".f64";

    private final int formatVersion;
    private final JsonObject description;
    private final Map<String, NamedArray> arrays;

    private ModelArchive(int formatVersion, JsonObject description, Map<String, NamedArray> arrays) {
        this.formatVersion = formatVersion;
        this.description = description;
        this.arrays = arrays;
    }

    /** @return the format version the file was written in */
    public int formatVersion() {
        return formatVersion;
    }

    /** @return the JSON description (without the array manifest and versions), a deep copy */
    public JsonObject description() {
        return description.deepCopy();
    }

    /** @return the arrays, in the order they were written */
    public List<NamedArray> arrays() {
        return new ArrayList<>(arrays.values());
    }

    /**
     * @param name an array's name
     * @return the array
     * @throws ModelFormatException if the file holds no array of that name
     */
    public NamedArray array(String name) {
        NamedArray a = arrays.get(name);
        if (a == null) {
            throw new ModelFormatException("the model file holds no array '" + name + "'");
        }
        return a;
    }

    /**
     * Writes a model file atomically.
     *
     * @param path the file to write; its folder must exist
     * @param description the JSON description (not modified); must not use the keys
     *        {@code format_version}, {@code lepton_version} or {@code arrays}
     * @param arrays the arrays to store, with unique names (not modified)
     * @throws IllegalArgumentException if two arrays share a name, or {@code path} names a folder
     * @throws IllegalStateException if the file written does not read back; the previous file is then intact
     * @throws UncheckedIOException if writing fails; the previous file under {@code path}, if any, is then intact
     */
    public static void write(Path path, JsonObject description, List<NamedArray> arrays) {
        Set<String> names = new HashSet<>();
        for (NamedArray a : arrays) {
            if (!names.add(a.name())) {
                throw new IllegalArgumentException("cannot save to " + path + ": two arrays are named '" + a.name()
                        + "', so the file could not be loaded back");
            }
        }
        AtomicFile.write(path, channel -> writeZip(Channels.newOutputStream(channel), description, arrays), written -> {
            try {
                verify(written);
            } catch (ModelFormatException | UncheckedIOException e) {
                throw new IllegalStateException("could not save to " + path + ": the file written does not read back ("
                        + e.getMessage() + "); the previous file is intact", e);
            }
        });
    }

    private static void writeZip(OutputStream out, JsonObject description, List<NamedArray> arrays) throws IOException {
        JsonObject document = new JsonObject();
        document.addProperty("format_version", FORMAT_VERSION);
        document.addProperty("lepton_version", LEPTON_VERSION);
        for (Map.Entry<String, JsonElement> e : description.entrySet()) {
            document.add(e.getKey(), e.getValue().deepCopy());
        }
        JsonArray manifest = new JsonArray();
        for (int i = 0; i < arrays.size(); i++) {
            NamedArray a = arrays.get(i);
            JsonObject item = new JsonObject();
            item.addProperty("name", a.name());
            JsonArray shape = new JsonArray();
            for (int d : a.shape()) {
                shape.add(d);
            }
            item.add("shape", shape);
            item.addProperty("entry", ARRAY_PREFIX + i + ARRAY_SUFFIX);
            manifest.add(item);
        }
        document.add("arrays", manifest);
        // The stream is closed by the caller's channel; finish() completes the zip without closing it.
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(Deflater.BEST_SPEED);
        zip.putNextEntry(new ZipEntry(DESCRIPTION_ENTRY));
        zip.write(document.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        for (int i = 0; i < arrays.size(); i++) {
            double[] values = arrays.get(i).values();
            ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asDoubleBuffer().put(values);
            zip.putNextEntry(new ZipEntry(ARRAY_PREFIX + i + ARRAY_SUFFIX));
            zip.write(bytes.array());
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    /**
     * Reads and checks a model file.
     *
     * @param path the file
     * @return its description and arrays
     * @throws ModelFormatException if the file is not a valid model file this Lepton can read
     * @throws UncheckedIOException if the file cannot be read at all (e.g. it does not exist)
     */
    public static ModelArchive read(Path path) {
        return read(path, true);
    }

    /** Reads a file just written as {@link #read} would, checking every byte without keeping the arrays. */
    private static void verify(Path path) {
        read(path, false);
    }

    private static ModelArchive read(Path path, boolean keepValues) {
        ReadableFile.check(path, "load a model from");
        try (ZipFile zip = new ZipFile(path.toFile())) {
            return read(path, zip, keepValues);
        } catch (ZipException | IllegalArgumentException e) {
            // ZipFile reports entry names that are not valid UTF-8 as IllegalArgumentException.
            throw new ModelFormatException(path + " is not a Lepton model file or is damaged: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException("could not read the model file " + path + ": " + e.getMessage(), e);
        }
    }

    private static ModelArchive read(Path path, ZipFile zip, boolean keepValues) throws IOException {
        Set<String> names = ZipEntries.checkedNames(path, zip, MAX_ENTRIES);
        if (!names.contains(DESCRIPTION_ENTRY)) {
            throw new ModelFormatException(path + " has no '" + DESCRIPTION_ENTRY + "' entry: it is not a Lepton model file");
        }
        JsonObject document = parse(path, readEntry(path, zip, DESCRIPTION_ENTRY, MAX_DESCRIPTION_BYTES));
        Json json = new Json(path + " " + DESCRIPTION_ENTRY);
        int version = json.integer(document, "format_version");
        if (version > FORMAT_VERSION) {
            throw new ModelFormatException(path + " was written by a newer Lepton (format version " + version
                    + ", lepton " + json.optionalString(document, "lepton_version") + "); this Lepton reads format versions up to "
                    + FORMAT_VERSION);
        }
        if (version < 1) {
            throw new ModelFormatException(path + ": invalid format version " + version);
        }
        Map<String, NamedArray> arrays = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        used.add(DESCRIPTION_ENTRY);
        List<JsonObject> items = new ArrayList<>();
        Set<String> arrayNames = new HashSet<>();
        long totalBytes = 0;
        for (JsonElement element : json.array(document, "arrays")) {
            JsonObject item = json.object(element, "arrays[]");
            int[] shape = json.shape(item, "shape");
            long bytes = elements(shape) * Double.BYTES;
            totalBytes += bytes;
            if (bytes > MAX_ARRAY_BYTES || totalBytes > MAX_ARRAY_BYTES) {
                throw new ModelFormatException(path + ": array '" + json.string(item, "name") + "' declares shape "
                        + Shapes.format(shape) + ", more than the limit of " + MAX_ARRAY_BYTES + " bytes of weights per file");
            }
            items.add(item);
        }
        // Every declared size is known before the first array is allocated.
        if (keepValues) {
            LoadLimits.checkBytes(path, "the arrays of " + DESCRIPTION_ENTRY, totalBytes);
        }
        for (JsonObject item : items) {
            String name = json.string(item, "name");
            int[] shape = json.shape(item, "shape");
            String entry = json.string(item, "entry");
            if (!names.contains(entry)) {
                throw new ModelFormatException(path + ": the entry '" + entry + "' of array '" + name + "' is missing");
            }
            if (!used.add(entry) || !arrayNames.add(name)) {
                throw new ModelFormatException(path + ": array '" + name + "' or its entry '" + entry + "' appears twice");
            }
            double[] values = readArray(path, zip, entry, name, shape, keepValues);
            if (keepValues) {
                arrays.put(name, new NamedArray(name, shape, values));
            }
        }
        names.removeAll(used);
        if (!names.isEmpty()) {
            throw new ModelFormatException(path + ": unexpected entries " + names);
        }
        document.remove("format_version");
        document.remove("lepton_version");
        document.remove("arrays");
        return new ModelArchive(version, document, arrays);
    }

    private static long elements(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > MAX_ARRAY_BYTES) {
                return MAX_ARRAY_BYTES + 1;
            }
        }
        return n;
    }

    /**
     * Reads an array's entry straight into the one {@code double[]} its declared shape needs, so that
     * memory is the declared size (already checked against the limits) and no copy of the bytes is
     * kept; the entry must hold exactly that many bytes. Without {@code keep}, the bytes are only
     * counted and checked, and nothing is returned.
     */
    private static double[] readArray(Path path, ZipFile zip, String entryName, String name, int[] shape, boolean keep)
            throws IOException {
        ZipEntry entry = zip.getEntry(entryName);
        long bytes = elements(shape) * Double.BYTES;
        if (keep) {
            LoadLimits.checkRatio(path, entryName, bytes, Math.min(entry.getCompressedSize(), Files.size(path)));
        }
        double[] values = keep ? new double[(int) (bytes / Double.BYTES)] : null;
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        byte[] chunk = buffer.array();
        CRC32 crc = new CRC32();
        int filled = 0;
        long read = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            int n;
            while ((n = in.read(chunk, buffer.position(), buffer.remaining())) > 0) {
                crc.update(chunk, buffer.position(), n);
                read += n;
                if (read > bytes) {
                    throw new ModelFormatException(path + ": entry '" + entryName + "' holds more than the " + bytes
                            + " bytes array '" + name + "' of shape " + Shapes.format(shape) + " needs");
                }
                buffer.position(buffer.position() + n).flip();
                while (keep && buffer.remaining() >= Double.BYTES) {
                    values[filled++] = buffer.getDouble();
                }
                if (!keep) {
                    buffer.position(buffer.limit() - buffer.remaining() % Double.BYTES);
                }
                buffer.compact();
            }
        }
        if (read != bytes) {
            throw new ModelFormatException(path + ": entry '" + entryName + "' holds " + read + " bytes but array '" + name
                    + "' of shape " + Shapes.format(shape) + " needs " + bytes);
        }
        checkCrc(path, entry, crc);
        return values;
    }

    /** Reads at most {@code limit} bytes of an entry; memory grows only with the bytes really there. */
    private static byte[] readEntry(Path path, ZipFile zip, String name, int limit) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        try (InputStream in = zip.getInputStream(entry)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 1 << 16));
            byte[] chunk = new byte[1 << 16];
            int n;
            while ((n = in.read(chunk, 0, Math.min(chunk.length, limit + 1 - out.size()))) > 0) {
                out.write(chunk, 0, n);
                if (out.size() > limit) {
                    throw new ModelFormatException(path + ": entry '" + name + "' is larger than the " + limit
                            + " bytes it may hold");
                }
            }
            byte[] bytes = out.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(bytes);
            checkCrc(path, entry, crc);
            return bytes;
        }
    }

    private static void checkCrc(Path path, ZipEntry entry, CRC32 crc) {
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw new ModelFormatException(path + ": entry '" + entry.getName() + "' is damaged (its checksum does not match)");
        }
    }

    private static JsonObject parse(Path path, byte[] utf8) {
        try {
            JsonReader reader = new JsonReader(new StringReader(new String(utf8, StandardCharsets.UTF_8)));
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = JsonParser.parseReader(reader);
            if (!root.isJsonObject()) {
                throw new ModelFormatException(path + ": " + DESCRIPTION_ENTRY + " is not a JSON object");
            }
            return root.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new ModelFormatException(path + ": " + DESCRIPTION_ENTRY + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
