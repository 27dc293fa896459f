package ai.lepton.io.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.io.ModelFormatException;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KerasArchiveTest {
    @TempDir
    Path dir;

    private Path zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        Path file = dir.resolve("model.keras");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private static Map<String, byte[]> valid() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("metadata.json", "{\"keras_version\": \"3.9.2\"}".getBytes(StandardCharsets.UTF_8));
        entries.put("config.json", "{\"class_name\": \"Sequential\", \"learning_rate\": NaN}".getBytes(StandardCharsets.UTF_8));
        entries.put("model.weights.h5", new byte[] {1, 2, 3});
        return entries;
    }

    @Test
    void writtenArchivesReadBack() {
        JsonObject config = new JsonObject();
        config.addProperty("class_name", "Sequential");
        JsonObject metadata = new JsonObject();
        metadata.addProperty("keras_version", "3.9.2");
        Path file = dir.resolve("m.keras");
        KerasArchive.write(file, config, metadata, new byte[] {9, 8, 7});
        KerasArchive read = KerasArchive.read(file);
        assertEquals(config, read.config());
        assertEquals(metadata, read.metadata());
        assertArrayEquals(new byte[] {9, 8, 7}, read.weights());
        assertEquals(List.of(), read.ignored());
    }

    @Test
    void kerasNanInConfigIsRead() throws IOException {
        assertTrue(Double.isNaN(KerasArchive.read(zip(valid())).config().get("learning_rate").getAsDouble()));
    }

    @Test
    void pathTraversalIsRefused() throws IOException {
        Map<String, byte[]> entries = valid();
        entries.put("../../etc/evil", new byte[1]);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasArchive.read(zip(entries)));
        assertTrue(e.getMessage().contains("unsafe entry name '../../etc/evil'"), e.getMessage());
    }

    @Test
    void aMissingEntryIsNamed() throws IOException {
        Map<String, byte[]> entries = valid();
        entries.remove("config.json");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasArchive.read(zip(entries)));
        assertTrue(e.getMessage().contains("no 'config.json' entry"), e.getMessage());
    }

    @Test
    void truncatedAndNonZipFilesAreModelFormatExceptions() throws IOException {
        byte[] whole = Files.readAllBytes(zip(valid()));
        Path file = dir.resolve("cut.keras");
        for (int length : new int[] {0, 10, whole.length / 2, whole.length - 5}) {
            Files.write(file, Arrays.copyOf(whole, length));
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasArchive.read(file), "length " + length);
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
    }

    @Test
    void configThatIsNotAnObjectIsRefused() throws IOException {
        Map<String, byte[]> entries = valid();
        entries.put("config.json", "[1, 2]".getBytes(StandardCharsets.UTF_8));
        assertThrows(ModelFormatException.class, () -> KerasArchive.read(zip(entries)));
        entries.put("config.json", "[[[[[[[[".repeat(100).getBytes(StandardCharsets.UTF_8));
        assertThrows(ModelFormatException.class, () -> KerasArchive.read(zip(entries)));
    }

    @Test
    void shardedWeightsAreNamedAsUnsupported() throws IOException {
        Map<String, byte[]> entries = valid();
        entries.put("model.weights.json", new byte[1]);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasArchive.read(zip(entries)));
        assertTrue(e.getMessage().contains("sharded"), e.getMessage());
    }

    @Test
    void otherEntriesAreListedAsIgnored() throws IOException {
        Map<String, byte[]> entries = valid();
        entries.put("assets/vocabulary.txt", new byte[1]);
        assertEquals(List.of("assets/vocabulary.txt"), KerasArchive.read(zip(entries)).ignored());
    }

    @Test
    void aMissingFileIsAnUncheckedIOException() {
        assertThrows(UncheckedIOException.class, () -> KerasArchive.read(dir.resolve("absent.keras")));
    }
}
