package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.io.ModelFormatException;
import ai.lepton.optimizers.Adam;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken files given to {@link Sequential#load}: each is one ModelFormatException with a clear message. */
class SequentialLoadTest {
    @TempDir
    Path dir;
    private byte[] valid;
    private Map<String, byte[]> entries;

    @BeforeEach
    void saveATrainedModel() throws IOException {
        Sequential model = SequentialSaveTest.cnn(new Adam(0.01));
        model.fit(SequentialSaveTest.images(), SequentialSaveTest.oneHotLabels(), SequentialSaveTest.epochs(1));
        Path file = dir.resolve("valid.lepton");
        model.save(file);
        valid = Files.readAllBytes(file);
        entries = ModelFiles.entries(valid);
    }

    private ModelFormatException rejected(byte[] bytes, String... expectedInMessage) throws IOException {
        Path file = dir.resolve("broken.lepton");
        Files.write(file, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sequential.load(file));
        for (String part : expectedInMessage) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
        assertTrue(e.getMessage().contains(file.toString()), "the message names the file: " + e.getMessage());
        return e;
    }

    private JsonObject arrayItem(JsonObject description, String name) {
        for (var element : description.getAsJsonArray("arrays")) {
            if (element.getAsJsonObject().get("name").getAsString().equals(name)) {
                return element.getAsJsonObject();
            }
        }
        throw new AssertionError("no array " + name);
    }

    @Test
    void truncatedFiles() throws IOException {
        for (int length : new int[] {0, 1, 22, valid.length / 3, valid.length / 2, valid.length - 22, valid.length - 1}) {
            rejected(Arrays.copyOf(valid, length));
        }
    }

    @Test
    void aZipWithoutItsDescriptionOrOneOfItsArrays() throws IOException {
        Map<String, byte[]> noDescription = new LinkedHashMap<>(entries);
        noDescription.remove(ModelFiles.DESCRIPTION);
        rejected(ModelFiles.zip(noDescription), "no 'model.json' entry");

        JsonObject description = ModelFiles.description(entries);
        String entry = arrayItem(description, "dense/kernel").get("entry").getAsString();
        Map<String, byte[]> noArray = new LinkedHashMap<>(entries);
        noArray.remove(entry);
        rejected(ModelFiles.zip(noArray), "'" + entry + "' of array 'dense/kernel' is missing");
    }

    @Test
    void weightsOfTheWrongCount() throws IOException {
        JsonObject fewer = ModelFiles.description(entries);
        JsonArray arrays = fewer.getAsJsonArray("arrays");
        JsonObject bias = arrayItem(fewer, "dense_1/bias");
        arrays.remove(bias);
        Map<String, byte[]> withoutBias = ModelFiles.withDescription(entries, fewer);
        withoutBias.remove(bias.get("entry").getAsString());
        rejected(ModelFiles.zip(withoutBias), "variable 'dense_1/bias' of shape (3,) is missing");

        JsonObject more = ModelFiles.description(entries);
        JsonObject extra = arrayItem(more, "dense_1/bias").deepCopy();
        extra.addProperty("name", "dense_1/surplus");
        extra.addProperty("entry", "arrays/999.f64");
        more.getAsJsonArray("arrays").add(extra);
        Map<String, byte[]> withExtra = ModelFiles.withDescription(entries, more);
        withExtra.put("arrays/999.f64", new byte[3 * Double.BYTES]);
        rejected(ModelFiles.zip(withExtra), "[dense_1/surplus] belong to no variable");
    }

    @Test
    void weightsOfTheWrongShapeNameTheLayerAndBothShapes() throws IOException {
        JsonObject description = ModelFiles.description(entries);
        JsonObject kernel = arrayItem(description, "dense/kernel");
        JsonArray shape = kernel.getAsJsonArray("shape");
        JsonArray swapped = new JsonArray();
        swapped.add(shape.get(1));
        swapped.add(shape.get(0));
        kernel.add("shape", swapped);
        rejected(ModelFiles.zip(ModelFiles.withDescription(entries, description)),
                "'dense/kernel' has shape (8, 36) in the file, but the layer makes it (36, 8)");
    }

    @Test
    void anOptimizerSlotOfTheWrongShapeOrMissing() throws IOException {
        JsonObject description = ModelFiles.description(entries);
        arrayItem(description, "optimizer/m/conv2d/bias").add("shape", shapeOf(2, 2));
        rejected(ModelFiles.zip(ModelFiles.withDescription(entries, description)),
                "optimizer slot 'optimizer/m/conv2d/bias' has shape (2, 2) in the file, but the layer makes it (4,)");
    }

    private static JsonArray shapeOf(int... dims) {
        JsonArray a = new JsonArray();
        for (int d : dims) {
            a.add(d);
        }
        return a;
    }

    @Test
    void anUnknownLayerType() throws IOException {
        JsonObject description = ModelFiles.description(entries);
        description.getAsJsonObject("model").getAsJsonObject("config").getAsJsonArray("layers").get(1).getAsJsonObject()
                .addProperty("class_name", "javax.script.ScriptEngineManager");
        rejected(ModelFiles.zip(ModelFiles.withDescription(entries, description)),
                "unknown layer 'javax.script.ScriptEngineManager'");
    }

    @Test
    void anUnknownOptimizerLossOrMetric() throws IOException {
        JsonObject description = ModelFiles.description(entries);
        description.getAsJsonObject("compile").getAsJsonObject("optimizer").addProperty("class_name", "Adagradd");
        rejected(ModelFiles.zip(ModelFiles.withDescription(entries, description)), "unknown optimizer 'Adagradd'");
        description = ModelFiles.description(entries);
        description.getAsJsonObject("compile").getAsJsonArray("loss").get(0).getAsJsonObject().addProperty("class_name", "Dice");
        rejected(ModelFiles.zip(ModelFiles.withDescription(entries, description)), "unknown loss 'Dice'");
        description = ModelFiles.description(entries);
        description.getAsJsonObject("compile").getAsJsonArray("metrics").get(0).getAsJsonArray().add("f1");
        rejected(ModelFiles.zip(ModelFiles.withDescription(entries, description)), "Unknown metric: 'f1'");
    }

    @Test
    void aNewerFormatVersion() throws IOException {
        JsonObject description = ModelFiles.description(entries);
        description.addProperty("format_version", 3);
        rejected(ModelFiles.zip(ModelFiles.withDescription(entries, description)), "newer Lepton (format version 3");
    }

    @Test
    void aTrillionElementWeightIsRefusedWithoutAllocatingIt() throws IOException {
        JsonObject description = ModelFiles.description(entries);
        arrayItem(description, "dense/kernel").add("shape", shapeOf(1_000_000, 1_000_000));
        rejected(ModelFiles.zip(ModelFiles.withDescription(entries, description)), "(1000000, 1000000)", "limit");
    }

    @Test
    void aHugeLayerIsRefusedBeforeItIsBuilt() throws IOException {
        // A Dense layer of 2^30 units would need 8 GiB of weights: the shapes are checked first.
        JsonObject description = ModelFiles.description(entries);
        description.getAsJsonObject("model").getAsJsonObject("config").getAsJsonArray("layers").get(4).getAsJsonObject()
                .getAsJsonObject("config").addProperty("units", 1 << 30);
        rejected(ModelFiles.zip(ModelFiles.withDescription(entries, description)), "dense/kernel", "(36, 1073741824)");
    }

    @Test
    void entriesWithClimbingPathsOrTwice() throws IOException {
        Map<String, byte[]> climbing = new LinkedHashMap<>(entries);
        climbing.put("../../etc/cron.d/x", new byte[1]);
        rejected(ModelFiles.zip(climbing), "unsafe entry name '../../etc/cron.d/x'");
        rejected(ModelFiles.zipWithDuplicate(entries, "arrays/0.f64"), "appears twice");
    }

    @Test
    void damagedBytesAreCaughtByTheChecksum() throws IOException {
        // Stored (uncompressed) entries: a flipped byte in a weight would otherwise load as a wrong weight.
        byte[] zip = ModelFiles.zipStored(entries);
        byte[] name = "arrays/0.f64".getBytes(StandardCharsets.US_ASCII);
        // The name's first occurrence is in model.json's manifest, the second in the entry's own header.
        int at = indexOf(zip, name, indexOf(zip, name, 0) + 1) + name.length + 5;
        zip[at] ^= 0x5A;
        rejected(zip, "'arrays/0.f64' is damaged (its checksum does not match)");
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = from; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void aMissingFileIsAnIoErrorNotAFormatError() {
        assertThrows(UncheckedIOException.class, () -> Sequential.load(dir.resolve("absent.lepton")));
    }
}
