package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.models.Input;
import ai.lepton.models.Model;
import ai.lepton.models.SymbolicTensor;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TextVectorizationTest {
    private static final double IDF_TOLERANCE = 1e-12;

    static JsonObject fixture() {
        try (InputStream in = TextVectorizationTest.class.getResourceAsStream("/golden/text/text.json")) {
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    static Stream<JsonObject> cases() {
        List<JsonObject> out = new ArrayList<>();
        fixture().getAsJsonArray("cases").forEach(e -> out.add(e.getAsJsonObject()));
        return out.stream();
    }

    static TextVectorization configured(JsonObject config) {
        TextVectorization v = new TextVectorization()
                .outputMode(config.get("output_mode").getAsString())
                .standardize(config.get("standardize").isJsonNull() ? null : config.get("standardize").getAsString());
        if (!config.get("max_tokens").isJsonNull()) {
            v.maxTokens(config.get("max_tokens").getAsInt());
        }
        if (!config.get("output_sequence_length").isJsonNull()) {
            v.outputSequenceLength(config.get("output_sequence_length").getAsInt());
        }
        if (!config.get("ngrams").isJsonNull()) {
            v.ngrams(config.get("ngrams").getAsInt());
        }
        return v;
    }

    private static double[] flat(JsonArray rows) {
        List<Double> out = new ArrayList<>();
        for (JsonElement r : rows) {
            r.getAsJsonArray().forEach(x -> out.add(x.getAsDouble()));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void adaptAndCallMatchKerasSemantics(JsonObject c) {
        JsonObject all = fixture();
        TextVectorization v = configured(c.getAsJsonObject("config")).adapt(strings(all.getAsJsonArray("texts")));
        assertEquals(strings(c.getAsJsonArray("vocabulary")), v.getVocabulary(), "vocabulary");
        Tensor out = v.call(strings(all.getAsJsonArray("queries")));
        assertArrayEquals(flat(c.getAsJsonArray("output")), out.toArray(), IDF_TOLERANCE, "output");
        assertEquals(c.getAsJsonArray("output").size(), out.shape()[0]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theVocabularyTravelsInTheConfig(JsonObject c) {
        JsonObject all = fixture();
        TextVectorization v = configured(c.getAsJsonObject("config")).adapt(strings(all.getAsJsonArray("texts")));
        Layer again = Layers.fromConfig("TextVectorization", v.getConfig().copy());
        List<String> queries = strings(all.getAsJsonArray("queries"));
        assertArrayEquals(v.call(queries).toArray(), ((TextVectorization) again).call(queries).toArray(), 0.0);
        assertEquals(v.getConfig(), again.getConfig());
    }

    @Test
    void aModelStartingWithTheVectorizerTakesTextAndSavesItsVocabulary(@TempDir Path dir) {
        List<String> texts = strings(fixture().getAsJsonArray("texts"));
        TextVectorization v = new TextVectorization().maxTokens(30).outputSequenceLength(6).adapt(texts);
        SymbolicTensor in = Input.shape(60);
        SymbolicTensor ids = v.apply(in);
        SymbolicTensor out = new Dense(2, "softmax").apply(new Flatten().apply(new Embedding(30, 3).apply(ids)));
        Model model = new Model(in, out).seed(3L);
        Tensor encoded = StringTensors.encode(texts, 60);
        Tensor before = model.predict(encoded);
        for (String name : new String[] {"text.lepton", "text.keras"}) {
            model.save(dir.resolve(name));
            Model loaded = Model.load(dir.resolve(name));
            assertArrayEquals(before.toArray(), loaded.predict(encoded).toArray(), name.endsWith(".keras") ? 1e-6 : 0.0, name);
            assertEquals(v.getVocabulary(), ((TextVectorization) loaded.layers().get(1)).getVocabulary(), name);
        }
    }

    @Test
    void codePointsRoundTrip() {
        List<String> texts = List.of("naïve 🙂 text", "", "x");
        Tensor t = StringTensors.encode(texts);
        assertArrayEquals(new int[] {3, 12}, t.shape());
        assertArrayEquals(texts.toArray(), StringTensors.decode(t, "test"));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> StringTensors.encode(texts, 5));
        assertTrue(tooLong.getMessage().contains("string 0 has 12 characters"), tooLong.getMessage());
        IllegalArgumentException notText = assertThrows(IllegalArgumentException.class,
                () -> new TextVectorization().call(Tensor.of(new double[] {65, 0.5}, 1, 2), false));
        assertTrue(notText.getMessage().contains("0.5") && notText.getMessage().contains("text_vectorization"), notText.getMessage());
    }

    @Test
    void badSettingsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TextVectorization().outputMode("one_hot")).getMessage()
                .contains("output_mode=one_hot"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TextVectorization().standardize("upper")).getMessage()
                .contains("standardize=upper"));
        TextVectorization adapted = new TextVectorization().adapt(List.of("a b"));
        assertThrows(IllegalStateException.class, () -> adapted.maxTokens(5));
        IllegalStateException noLength = assertThrows(IllegalStateException.class, () -> adapted.computeOutputShape(new int[] {10}));
        assertTrue(noLength.getMessage().contains("outputSequenceLength"), noLength.getMessage());
    }

    @Test
    void stringLookupMatchesKerasOrderAndInverts() {
        JsonObject lookups = fixture().getAsJsonObject("lookups");
        StringLookup lookup = new StringLookup().adapt(List.of("b", "a", "c", "a", "b", "d", "a", "[UNK]", "é", "é"));
        assertEquals(strings(lookups.getAsJsonArray("string_vocabulary")), lookup.getVocabulary());
        assertArrayEquals(new double[] {1, 3, 0, 2}, lookup.call(List.of("a", "b", "zzz", "é")).toArray());
        assertEquals(List.of("a", "b", "[UNK]", "[UNK]"), lookup.tokens(Tensor.of(new double[] {1, 3, 0, 99}, 4)));
        StringLookup masked = new StringLookup().maskToken("").vocabulary("x", "y");
        assertEquals(List.of("", "[UNK]", "x", "y"), masked.getVocabulary());
        assertArrayEquals(new double[] {3, 0, 1, 2}, masked.callRows(List.of(List.of("y", ""), List.of("q", "x"))).toArray());
        StringLookup multi = new StringLookup().outputMode("multi_hot").vocabulary("x", "y");
        assertArrayEquals(new double[] {0, 1, 1, 1, 0, 0}, multi.callRows(List.of(List.of("x", "y", "x"), List.of("?"))).toArray());
        StringLookup strict = new StringLookup().numOovIndices(0).vocabulary("x");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> strict.call(List.of("w"))).getMessage().contains("'w'"));
        Layer again = Layers.fromConfig("StringLookup", lookup.getConfig().copy());
        assertEquals(lookup.getVocabulary(), ((StringLookup) again).getVocabulary());
    }

    @Test
    void stringLookupInsideAModelReadsCodePoints() {
        StringLookup lookup = new StringLookup().vocabulary("cat", "dog");
        lookup.build(new int[] {2, 3}, 0L);
        Tensor tokens = StringTensors.encode(List.of("dog", "cat", "eel", "dog"), 3).reshape(2, 2, 3);
        assertArrayEquals(new double[] {2, 1, 0, 2}, lookup.call(tokens, false).toArray());
        assertArrayEquals(new int[] {2}, lookup.outputShape());
    }

    @Test
    void integerLookupMatchesKerasOrderModesAndInvert() {
        JsonObject lookups = fixture().getAsJsonObject("lookups");
        IntegerLookup lookup = new IntegerLookup().adapt(Tensor.of(new double[] {7, 3, 7, 12, 3, 3, 5, -1, 12, 40}, 10));
        List<Long> expected = new ArrayList<>();
        lookups.getAsJsonArray("integer_vocabulary").forEach(e -> expected.add(e.getAsLong()));
        assertEquals(expected, lookup.getVocabulary());
        assertArrayEquals(new double[] {1, 3, 0, 5}, lookup.call(Tensor.of(new double[] {3, 7, 99, 5}, 2, 2), false).toArray());
        IntegerLookup inverse = new IntegerLookup().vocabulary(12, 36, 1138, 42).invert(true);
        assertArrayEquals(new double[] {12, 1138, -1}, inverse.call(Tensor.of(new double[] {1, 3, 0}, 1, 3), false).toArray());
        IntegerLookup hashed = new IntegerLookup().numOovIndices(2).maskToken(0L).vocabulary(10, 20);
        assertEquals(List.of(0L, -1L, -1L, 10L, 20L), hashed.getVocabulary());
        assertArrayEquals(new double[] {0, 3, 2, 1}, hashed.call(Tensor.of(new double[] {0, 10, 7, -8}, 1, 4), false).toArray(),
                "unknown values go to index 1 + floorMod(value, 2)");
    }

    @Test
    void integerLookupCountAndOneHot() {
        IntegerLookup count = new IntegerLookup().outputMode("count").vocabulary(4, 5);
        assertArrayEquals(new double[] {1, 2, 0, 2, 0, 1}, count.call(Tensor.of(new double[] {9, 4, 4, 5, 8, 3}, 2, 3), false).toArray());
        IntegerLookup oneHot = new IntegerLookup().outputMode("one_hot").vocabulary(4, 5);
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0}, oneHot.call(Tensor.of(new double[] {5, 6}, 2), false).toArray());
        IllegalArgumentException notWhole = assertThrows(IllegalArgumentException.class,
                () -> count.call(Tensor.of(new double[] {1.5}, 1, 1), false));
        assertTrue(notWhole.getMessage().contains("1.5") && notWhole.getMessage().contains("integer_lookup"), notWhole.getMessage());
    }
}
