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
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates valid model files thousands of times (seeded), Lepton's own and Keras's {@code .keras},
 * and checks that every load either succeeds with a usable model or throws
 * {@link ModelFormatException}, and nothing else: no other exception, no OutOfMemoryError.
 */
class SequentialLoadFuzzTest {
    private static final long SEED = 20_240_607L;
    private static final int MUTATIONS = 3000;
    private static final int KERAS_MUTATIONS = 2000;
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
