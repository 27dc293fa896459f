package ai.lepton.io.keras;

import ai.lepton.io.AtomicFile;
import ai.lepton.io.LoadLimits;
import ai.lepton.io.ModelFormatException;
import ai.lepton.io.ZipEntries;
import ai.lepton.io.ReadableFile;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The zip container of a Keras 3 {@code .keras} file: {@code config.json} (the architecture and
 * compile settings), {@code metadata.json} (the Keras version and date) and {@code model.weights.h5}
 * (the variables, see {@link KerasWeights}). Reading trusts nothing: entry names that could escape
 * a folder are refused, each entry is read only up to its limit with memory growing only with the
 * bytes really there, CRC-32s are checked, and JSON nesting is bounded.
 *
 * @param config {@code config.json}
 * @param metadata {@code metadata.json}, empty when absent
 * @param weights the bytes of {@code model.weights.h5}
 * @param ignored other entries (such as {@code assets/}), which Lepton does not read
 */
record KerasArchive(JsonObject config, JsonObject metadata, byte[] weights, List<String> ignored) {
    static final String CONFIG = "config.json";
    static final String METADATA = "metadata.json";
    static final String WEIGHTS = "model.weights.h5";
    /** The largest {@code config.json} or {@code metadata.json} read, in bytes. */
    static final int MAX_JSON_BYTES = 16 << 20;
    /** The most entries a {@code .keras} file may hold. */
    static final int MAX_ENTRIES = 10_000;

    /**
     * Reads and checks a {@code .keras} file.
     *
     * @param path the file
     * @return its parts
     * @throws ModelFormatException if it is not a valid {@code .keras} zip
     * @throws UncheckedIOException if it cannot be read at all
     */
    static KerasArchive read(Path path) {
        ReadableFile.check(path, "read");
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Set<String> names = ZipEntries.checkedNames(path, zip, MAX_ENTRIES);
            if (names.contains("model.weights.json")) {
                throw new ModelFormatException(path + " holds sharded weights (model.weights.json), which Lepton does not read; "
                        + "save the model unsharded");
            }
            for (String required : List.of(CONFIG, WEIGHTS)) {
                if (!names.contains(required)) {
                    throw new ModelFormatException(path + " has no '" + required + "' entry: it is not a Keras 3 .keras file"
                            + " (it holds " + names + ")");
                }
            }
            JsonObject config = parse(path, CONFIG, readEntry(path, zip, CONFIG, MAX_JSON_BYTES));
            JsonObject metadata = names.contains(METADATA) ? parse(path, METADATA, readEntry(path, zip, METADATA, MAX_JSON_BYTES))
                    : new JsonObject();
            byte[] weights = readWeights(path, zip);
            names.removeAll(List.of(CONFIG, METADATA, WEIGHTS));
            return new KerasArchive(config, metadata, weights, names.stream().sorted().toList());
        } catch (ZipException | IllegalArgumentException e) {
            // ZipFile reports entry names that are not valid UTF-8 as IllegalArgumentException.
            throw new ModelFormatException(path + " is not a .keras zip or is damaged: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException("could not read the .keras file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a {@code .keras} file atomically: a temporary file in the same folder is written,
     * flushed and moved over {@code path}.
     *
     * @param path the file; its folder must exist
     * @param config {@code config.json}
     * @param metadata {@code metadata.json}
     * @param weights the bytes of {@code model.weights.h5}
     * @throws UncheckedIOException if writing fails; a previous file is then intact
     */
    static void write(Path path, JsonObject config, JsonObject metadata, byte[] weights) {
        AtomicFile.write(path, channel -> {
            // The stream is closed with the channel; finish() completes the zip without closing it.
            ZipOutputStream zip = new ZipOutputStream(Channels.newOutputStream(channel));
            put(zip, METADATA, metadata.toString().getBytes(StandardCharsets.UTF_8));
            put(zip, CONFIG, config.toString().getBytes(StandardCharsets.UTF_8));
            put(zip, WEIGHTS, weights);
            zip.finish();
            zip.flush();
        }, written -> { });
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        // A fixed time, so that saving the same model twice gives the same bytes.
        entry.setTimeLocal(LocalDateTime.of(1980, 1, 1, 0, 0));
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Reads {@code model.weights.h5} into one array of the size the zip declares, checked first
     * against {@link LoadLimits} (the heap, a settable bound, the compression ratio); the entry must
     * hold exactly that many bytes.
     */
    private static byte[] readWeights(Path path, ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(WEIGHTS);
        long size = entry.getSize();
        if (size < 0 || size > Integer.MAX_VALUE - 16) {
            throw new ModelFormatException(path + ": entry '" + WEIGHTS + "' declares " + (size < 0 ? "no" : size + " bytes, not a")
                    + " size Lepton can read");
        }
        LoadLimits.checkBytes(path, "entry '" + WEIGHTS + "'", size);
        LoadLimits.checkRatio(path, WEIGHTS, size, Math.min(entry.getCompressedSize(), Files.size(path)));
        byte[] bytes = new byte[(int) size];
        try (InputStream in = zip.getInputStream(entry)) {
            int read = in.readNBytes(bytes, 0, bytes.length);
            if (read != bytes.length || in.read() != -1) {
                throw new ModelFormatException(path + ": entry '" + WEIGHTS + "' does not hold the " + size
                        + " bytes it declares");
            }
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw new ModelFormatException(path + ": entry '" + WEIGHTS + "' is damaged (its checksum does not match)");
        }
        return bytes;
    }

    /** Reads at most {@code limit} bytes of an entry; memory grows only with the bytes really there. */
    private static byte[] readEntry(Path path, ZipFile zip, String name, int limit) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        try (InputStream in = zip.getInputStream(entry)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 1 << 16));
            byte[] chunk = new byte[1 << 16];
            int n;
            while ((n = in.read(chunk, 0, (int) Math.min(chunk.length, (long) limit + 1 - out.size()))) > 0) {
                out.write(chunk, 0, n);
                if (out.size() > limit) {
                    throw new ModelFormatException(path + ": entry '" + name + "' is larger than the " + limit
                            + " bytes it may hold");
                }
            }
            byte[] bytes = out.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(bytes);
            if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                throw new ModelFormatException(path + ": entry '" + name + "' is damaged (its checksum does not match)");
            }
            return bytes;
        }
    }

    /**
     * @param path the file, for messages
     * @param entry the entry or attribute, for messages
     * @param utf8 JSON text
     * @return the JSON object it holds
     * @throws ModelFormatException if it is not a JSON object
     */
    static JsonObject parse(Object path, String entry, byte[] utf8) {
        try {
            JsonReader reader = new JsonReader(new StringReader(new String(utf8, StandardCharsets.UTF_8)));
            // Keras writes NaN and Infinity as bare words, which strict JSON refuses.
            reader.setStrictness(Strictness.LENIENT);
            JsonElement root = JsonParser.parseReader(reader);
            if (!root.isJsonObject()) {
                throw new ModelFormatException(path + ": " + entry + " is not a JSON object");
            }
            return root.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new ModelFormatException(path + ": " + entry + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
