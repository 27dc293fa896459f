package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.io.ModelFormatException;
import ai.lepton.optimizers.Adam;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates valid model files thousands of times (seeded), Lepton's own, Keras's {@code .keras} and
 * Keras's HDF5 {@code .h5}, and loads hostile files made on purpose (huge declared shapes, deep
 * nesting, entry names that climb out of a folder, compression bombs); every load either succeeds
 * with a usable model or throws {@link ModelFormatException}, and nothing else: no other
 * exception, no OutOfMemoryError, no hang (each test has a time limit). The whole class runs in
 * about 20 seconds; {@code -Dlepton.fuzz.scale=10} runs ten times as many mutations.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SequentialLoadFuzzTest {
    private static final long SEED = 20_240_607L;
    private static final int SCALE = Integer.getInteger("lepton.fuzz.scale", 1);
    private static final int MUTATIONS = 600 * SCALE;
    private static final int KERAS_MUTATIONS = 400 * SCALE;
    private static final int H5_MUTATIONS = 300 * SCALE;
    private static final JsonElement[] REPLACEMENTS = {
        new JsonPrimitive(0), new JsonPrimitive(-1), new JsonPrimitive(1e12), new JsonPrimitive(2_147_483_648L),
        new JsonPrimitive(0.5), new JsonPrimitive(-1e-300), new JsonPrimitive(1e308), new JsonPrimitive(3),
        new JsonPrimitive("relu"), new JsonPrimitive("same"), new JsonPrimitive("../x"), new JsonPrimitive(""),
        new JsonPrimitive(true), new JsonPrimitive(false), JsonNull.INSTANCE, new JsonArray(), new JsonObject()};

    @TempDir
    Path dir;

    @Test
    void everyMutatedFileLoadsUsablyOrIsAModelFormatException() throws IOException {
        Sequential model = SequentialSaveTest.cnn(new Adam(0.01));
        model.fit(SequentialSaveTest.images(), SequentialSaveTest.oneHotLabels(), SequentialSaveTest.epochs(1));
        Path validFile = dir.resolve("valid.lepton");
        model.save(validFile);
        byte[] valid = Files.readAllBytes(validFile);
        Map<String, byte[]> entries = ModelFiles.entries(valid);
        Tensor input = SequentialSaveTest.images();

        Random random = new Random(SEED);
        Map<String, int[]> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Path file = dir.resolve("mutant.lepton");
        long start = System.nanoTime();
        for (int i = 0; i < MUTATIONS; i++) {
            String kind = switch (i % 6) {
                case 0 -> "flip bytes";
                case 1 -> "truncate";
                case 2 -> "drop an entry";
                case 3 -> "duplicate an entry";
                default -> "change a JSON value";
            };
            byte[] mutant = switch (kind) {
                case "flip bytes" -> flipBytes(valid, random);
                case "truncate" -> Arrays.copyOf(valid, random.nextInt(valid.length));
                case "drop an entry" -> dropEntry(entries, random);
                case "duplicate an entry" -> duplicateEntry(entries, random);
                default -> changeJson(entries, random);
            };
            Files.write(file, mutant);
            String outcome;
            try {
                Sequential loaded = Sequential.load(file);
                Tensor output = loaded.predict(input);
                assertArrayEquals(new int[] {input.shape()[0], 3}, output.shape());
                outcome = "loaded and predicted";
            } catch (ModelFormatException e) {
                assertTrue(e.getMessage().contains(file.toString()), "the message names the file: " + e.getMessage());
                outcome = "ModelFormatException";
            } catch (Throwable t) {
                StringWriter trace = new StringWriter();
                t.printStackTrace(new PrintWriter(trace));
                failures.add("mutation " + i + " (" + kind + "): " + trace);
                outcome = "other: " + t.getClass().getSimpleName();
            }
            outcomes.computeIfAbsent(kind, k -> new int[2])[outcome.equals("ModelFormatException") ? 1 : 0]++;
            outcomes.computeIfAbsent(outcome, k -> new int[2])[0]++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, String> report = new LinkedHashMap<>();
        outcomes.forEach((k, v) -> report.put(k, k.startsWith("other") || k.equals("loaded and predicted")
                || k.equals("ModelFormatException") ? String.valueOf(v[0]) : v[0] + " loaded, " + v[1] + " rejected"));
        System.out.printf("Model file fuzz: %d mutations, seed %d, %.1f s: %s%n", MUTATIONS, SEED, seconds, report);
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())), failures.size() + " mutations failed");
        assertTrue(outcomes.get("loaded and predicted")[0] > 0, "some harmless mutations must load: " + report);
        assertTrue(outcomes.get("ModelFormatException")[0] > MUTATIONS / 2, "most mutations must be rejected: " + report);
    }

    @Test
    void everyMutatedKerasFileLoadsUsablyOrIsAModelFormatException() throws IOException {
        Model model = KerasFilesTest.functionalCnn();
        Path validFile = dir.resolve("valid.keras");
        model.save(validFile);
        byte[] valid = Files.readAllBytes(validFile);
        Map<String, byte[]> entries = ModelFiles.entries(valid);
        List<Tensor> input = KerasFilesTest.inputs(2);

        Random random = new Random(SEED);
        Map<String, int[]> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Path file = dir.resolve("mutant.keras");
        for (int i = 0; i < KERAS_MUTATIONS; i++) {
            String kind = switch (i % 7) {
                case 0 -> "flip bytes";
                case 1 -> "truncate";
                case 2 -> "drop an entry";
                case 3 -> "duplicate an entry";
                case 4 -> "flip bytes of model.weights.h5";
                default -> "change a value in config.json";
            };
            byte[] mutant = switch (kind) {
                case "flip bytes" -> flipBytes(valid, random);
                case "truncate" -> Arrays.copyOf(valid, random.nextInt(valid.length));
                case "drop an entry" -> dropEntry(entries, random);
                case "duplicate an entry" -> duplicateEntry(entries, random);
                case "flip bytes of model.weights.h5" -> withEntry(entries, "model.weights.h5",
                        flipBytes(entries.get("model.weights.h5"), random));
                default -> withEntry(entries, "config.json", changeJson(JsonParser.parseString(new String(entries.get(
                        "config.json"), StandardCharsets.UTF_8)).getAsJsonObject(), random).toString().getBytes(StandardCharsets.UTF_8));
            };
            Files.write(file, mutant);
            String outcome;
            try {
                Model loaded = Model.load(file);
                List<Tensor> output = loaded.predict(input);
                assertArrayEquals(new int[] {2, 3}, output.get(0).shape());
                outcome = "loaded and predicted";
            } catch (ModelFormatException e) {
                assertTrue(e.getMessage().contains(file.toString()), "the message names the file: " + e.getMessage());
                outcome = "ModelFormatException";
            } catch (Throwable t) {
                StringWriter trace = new StringWriter();
                t.printStackTrace(new PrintWriter(trace));
                failures.add("mutation " + i + " (" + kind + "): " + trace);
                outcome = "other: " + t.getClass().getSimpleName();
            }
            outcomes.computeIfAbsent(kind, k -> new int[2])[outcome.equals("ModelFormatException") ? 1 : 0]++;
            outcomes.computeIfAbsent(outcome, k -> new int[2])[0]++;
        }
        System.out.printf("Keras file fuzz: %d mutations, seed %d: %s%n", KERAS_MUTATIONS, SEED, outcomes.entrySet().stream()
                .map(e -> e.getKey() + "=" + Arrays.toString(e.getValue())).toList());
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())), failures.size() + " mutations failed");
        assertTrue(outcomes.get("loaded and predicted")[0] > 0, "some harmless mutations must load");
        assertTrue(outcomes.get("ModelFormatException")[0] > KERAS_MUTATIONS / 2, "most mutations must be rejected");
    }

    @Test
    void everyMutatedH5FileLoadsUsablyOrIsAModelFormatException() throws IOException {
        Path validFile = dir.resolve("valid.h5");
        KerasFilesTest.functionalCnn().save(validFile);
        byte[] valid = Files.readAllBytes(validFile);
        List<Tensor> input = KerasFilesTest.inputs(2);
        Random random = new Random(SEED);
        Map<String, int[]> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Path file = dir.resolve("mutant.h5");
        for (int i = 0; i < H5_MUTATIONS; i++) {
            String kind = switch (i % 4) {
                case 0 -> "truncate";
                case 1 -> "zero a run of bytes";
                default -> "flip bytes";
            };
            byte[] mutant = switch (kind) {
                case "truncate" -> Arrays.copyOf(valid, random.nextInt(valid.length));
                case "zero a run of bytes" -> zeroRun(valid, random);
                default -> flipBytes(valid, random);
            };
            Files.write(file, mutant);
            String outcome = outcome(file, i + " (" + kind + ")", failures, f -> Model.load(f).predict(input).get(0));
            outcomes.computeIfAbsent(kind, k -> new int[2])[outcome.equals("ModelFormatException") ? 1 : 0]++;
            outcomes.computeIfAbsent(outcome, k -> new int[2])[0]++;
        }
        System.out.printf("H5 file fuzz: %d mutations, seed %d: %s%n", H5_MUTATIONS, SEED, outcomes.entrySet().stream()
                .map(e -> e.getKey() + "=" + Arrays.toString(e.getValue())).toList());
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())), failures.size() + " mutations failed");
        assertTrue(outcomes.get("ModelFormatException")[0] > H5_MUTATIONS / 4, "many mutations must be rejected");
    }

    @Test
    void hostileKerasAndLeptonFilesAreModelFormatExceptions() throws IOException {
        Model model = KerasFilesTest.functionalCnn();
        Path kerasFile = dir.resolve("valid.keras");
        model.save(kerasFile);
        Map<String, byte[]> keras = ModelFiles.entries(Files.readAllBytes(kerasFile));
        Path leptonFile = dir.resolve("valid.lepton");
        model.save(leptonFile);
        Map<String, byte[]> lepton = ModelFiles.entries(Files.readAllBytes(leptonFile));
        JsonObject config = JsonParser.parseString(new String(keras.get("config.json"), StandardCharsets.UTF_8)).getAsJsonObject();

        Map<String, byte[]> hostile = new LinkedHashMap<>();
        for (String key : List.of("units", "filters", "kernel_size", "pool_size", "batch_shape", "axis")) {
            for (long value : new long[] {2_000_000_000L, 1L << 40, -3}) {
                JsonObject changed = config.deepCopy();
                if (setEvery(changed, key, value)) {
                    hostile.put("huge.keras: every " + key + " = " + value, withEntry(keras, "config.json",
                            changed.toString().getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        JsonObject lepDescription = ModelFiles.description(lepton);
        for (String key : List.of("units", "filters", "kernel_size")) {
            JsonObject changed = lepDescription.deepCopy();
            if (setEvery(changed, key, 2_000_000_000L)) {
                hostile.put("huge.lepton: every " + key, ModelFiles.zip(ModelFiles.withDescription(lepton, changed)));
            }
        }
        hostile.put("deep.keras: config nested 100000 levels", withEntry(keras, "config.json",
                ("{\"class_name\":\"Functional\",\"config\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")
                        .getBytes(StandardCharsets.UTF_8)));
        hostile.put("deep.keras: models nested 200 levels", withEntry(keras, "config.json", nestedModels(200)));
        hostile.put("deep.lepton: description nested 100000 levels", ModelFiles.zip(Map.of("model.json",
                ("{\"format_version\":2,\"arrays\":[],\"model\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")
                        .getBytes(StandardCharsets.UTF_8))));
        for (String evil : List.of("../evil", "/etc/evil", "a/../../evil", "a\\evil", "C:evil")) {
            Map<String, byte[]> withEvil = new LinkedHashMap<>(keras);
            withEvil.put(evil, new byte[] {1});
            hostile.put("traversal.keras: " + evil, ModelFiles.zip(withEvil));
            Map<String, byte[]> leptonEvil = new LinkedHashMap<>(lepton);
            leptonEvil.put(evil, new byte[] {1});
            hostile.put("traversal.lepton: " + evil, ModelFiles.zip(leptonEvil));
        }
        hostile.put("bomb.keras: 64 MiB of zeros as model.weights.h5", zipWithZeros(keras, "model.weights.h5", 64 << 20));

        List<String> failures = new ArrayList<>();
        int rejected = 0;
        for (Map.Entry<String, byte[]> h : hostile.entrySet()) {
            Path file = dir.resolve(h.getKey().substring(0, h.getKey().indexOf(':')));
            Files.write(file, h.getValue());
            String outcome = outcome(file, h.getKey(), failures, f -> Model.load(f).predict(KerasFilesTest.inputs(2)).get(0));
            rejected += outcome.equals("ModelFormatException") ? 1 : 0;
            if (outcome.equals("loaded and predicted") && !h.getKey().contains("-3") && !h.getKey().contains("axis")) {
                failures.add(h.getKey() + ": loaded, but it is hostile");
            }
        }
        System.out.printf("Hostile files: %d, %d rejected%n", hostile.size(), rejected);
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())), failures.size() + " hostile files failed");
    }

    /**
     * Loads a file and classifies the result: "loaded and predicted", "ModelFormatException" (whose
     * message must name the file), or "other: ..." with the trace added to {@code failures}.
     */
    private static String outcome(Path file, String what, List<String> failures, Function<Path, Tensor> load) {
        try {
            Tensor output = load.apply(file);
            assertArrayEquals(new int[] {2, 3}, output.shape());
            return "loaded and predicted";
        } catch (ModelFormatException e) {
            assertTrue(e.getMessage().contains(file.toString()), "the message names the file: " + e.getMessage());
            return "ModelFormatException";
        } catch (Throwable t) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            failures.add(what + ": " + trace);
            return "other: " + t.getClass().getSimpleName();
        }
    }

    /** Sets every value under {@code key}, anywhere in the document, to {@code value} (each number of a list); true if any. */
    private static boolean setEvery(JsonElement e, String key, long value) {
        boolean any = false;
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> child : e.getAsJsonObject().entrySet()) {
                if (child.getKey().equals(key) && (child.getValue().isJsonPrimitive() || child.getValue().isJsonArray())) {
                    if (child.getValue().isJsonArray()) {
                        JsonArray a = child.getValue().getAsJsonArray();
                        for (int i = 0; i < a.size(); i++) {
                            a.set(i, new JsonPrimitive(value));
                        }
                    } else {
                        child.setValue(new JsonPrimitive(value));
                    }
                    any = true;
                } else {
                    any |= setEvery(child.getValue(), key, value);
                }
            }
        } else if (e.isJsonArray()) {
            for (JsonElement child : e.getAsJsonArray()) {
                any |= setEvery(child, key, value);
            }
        }
        return any;
    }

    /** A Keras config of Sequential models nested {@code depth} deep around one Dense layer. */
    private static byte[] nestedModels(int depth) {
        String model = "{\"class_name\":\"Dense\",\"config\":{\"name\":\"d\",\"units\":3}}";
        for (int i = 0; i < depth; i++) {
            model = "{\"class_name\":\"Sequential\",\"config\":{\"name\":\"s" + i + "\",\"layers\":[" + model + "]}}";
        }
        return model.getBytes(StandardCharsets.UTF_8);
    }

    /** The entries with {@code name} replaced by {@code zeros} zero bytes, compressed as far as deflate goes. */
    private static byte[] zipWithZeros(Map<String, byte[]> entries, String name, int zeros) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getKey().equals(name) ? new byte[zeros] : e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] zeroRun(byte[] valid, Random random) {
        byte[] mutant = valid.clone();
        int from = random.nextInt(mutant.length);
        Arrays.fill(mutant, from, Math.min(mutant.length, from + 1 + random.nextInt(64)), (byte) 0);
        return mutant;
    }

    private static byte[] withEntry(Map<String, byte[]> entries, String name, byte[] content) {
        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
        copy.put(name, content);
        return ModelFiles.zip(copy);
    }

    private static byte[] flipBytes(byte[] valid, Random random) {
        byte[] mutant = valid.clone();
        for (int k = 1 + random.nextInt(8); k > 0; k--) {
            mutant[random.nextInt(mutant.length)] ^= (byte) (1 + random.nextInt(255));
        }
        return mutant;
    }

    private static byte[] dropEntry(Map<String, byte[]> entries, Random random) {
        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
        copy.remove(new ArrayList<>(entries.keySet()).get(random.nextInt(entries.size())));
        return ModelFiles.zip(copy);
    }

    private static byte[] duplicateEntry(Map<String, byte[]> entries, Random random) {
        return ModelFiles.zipWithDuplicate(entries, new ArrayList<>(entries.keySet()).get(random.nextInt(entries.size())));
    }

    /** Replaces one value anywhere in model.json (or removes it) and writes the file back. */
    private static byte[] changeJson(Map<String, byte[]> entries, Random random) {
        return ModelFiles.zip(ModelFiles.withDescription(entries, changeJson(ModelFiles.description(entries), random)));
    }

    /** Replaces one value anywhere in a JSON document (or removes it), in place; returns the document. */
    private static JsonObject changeJson(JsonObject description, Random random) {
        List<JsonElement> containers = new ArrayList<>();
        collectContainers(description, containers);
        JsonElement target = containers.get(random.nextInt(containers.size()));
        JsonElement replacement = REPLACEMENTS[random.nextInt(REPLACEMENTS.length)].deepCopy();
        boolean remove = random.nextInt(5) == 0;
        if (target.isJsonObject()) {
            JsonObject o = target.getAsJsonObject();
            if (o.size() > 0) {
                String key = new ArrayList<>(o.keySet()).get(random.nextInt(o.size()));
                if (remove) {
                    o.remove(key);
                } else {
                    o.add(key, replacement);
                }
            }
        } else {
            JsonArray a = target.getAsJsonArray();
            if (a.size() > 0) {
                int index = random.nextInt(a.size());
                if (remove) {
                    a.remove(index);
                } else {
                    a.set(index, replacement);
                }
            }
        }
        return description;
    }

    private static void collectContainers(JsonElement e, List<JsonElement> out) {
        if (e.isJsonObject()) {
            out.add(e);
            e.getAsJsonObject().entrySet().forEach(child -> collectContainers(child.getValue(), out));
        } else if (e.isJsonArray()) {
            out.add(e);
            e.getAsJsonArray().forEach(child -> collectContainers(child, out));
        }
    }
}
