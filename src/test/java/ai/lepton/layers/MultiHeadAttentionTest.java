package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.autograd.GradCheck;
import ai.lepton.models.FitOptions;
import ai.lepton.models.History;
import ai.lepton.models.Input;
import ai.lepton.models.Model;
import ai.lepton.models.SymbolicTensor;
import ai.lepton.optimizers.Adam;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MultiHeadAttentionTest {
    private static final double GOLDEN_TOLERANCE = 1e-10;
    private static final double GRAD_TOLERANCE = 1e-6;
    private static final double SAME = 1e-12;

    static Stream<JsonObject> goldenCases() {
        List<JsonObject> cases = new ArrayList<>();
        for (JsonElement e : LayerGolden.read("attention.json").getAsJsonArray("cases")) {
            cases.add(e.getAsJsonObject());
        }
        return cases.stream();
    }

    private static Tensor fixture(JsonObject c, String key) {
        return c.has(key) ? LayerGolden.tensor(c.getAsJsonObject(key)) : null;
    }

    private static int[] perExample(Tensor t) {
        int[] s = t.shape();
        return java.util.Arrays.copyOfRange(s, 1, s.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void matchesKerasSemanticsInPyTorchFloat64(JsonObject c) {
        String name = c.get("name").getAsString();
        Layer built = Layers.fromConfig("MultiHeadAttention", LayerGolden.config("MultiHeadAttention", c.getAsJsonObject("config")));
        MultiHeadAttention layer = (MultiHeadAttention) built;
        boolean self = c.get("self_attention").getAsBoolean();
        Tensor query = fixture(c, "query").requiresGrad(true);
        Tensor value = self ? query : fixture(c, "value").requiresGrad(true);
        Tensor key = c.has("key") ? fixture(c, "key").requiresGrad(true) : null;
        List<int[]> shapes = new ArrayList<>(List.of(perExample(query)));
        if (!self) {
            shapes.add(perExample(value));
        }
        if (key != null) {
            shapes.add(perExample(key));
        }
        layer.build(shapes, 0L);
        List<Tensor> weights = new ArrayList<>();
        c.getAsJsonObject("weights").entrySet().forEach(e -> weights.add(LayerGolden.tensor(e.getValue().getAsJsonObject())));
        assertEquals(List.copyOf(c.getAsJsonObject("weights").keySet()), layer.weightNames(), name + ": weight order");
        layer.setWeights(weights);
        Storage.attachMask(query, fixture(c, "query_mask"));
        if (!self) {
            Storage.attachMask(value, fixture(c, "value_mask"));
        }
        if (key != null) {
            Storage.attachMask(key, fixture(c, "key_mask"));
        }
        List<Tensor> out = layer.callWithScores(query, value, key, fixture(c, "attention_mask"), false);
        LayerGolden.assertClose(fixture(c, "y"), out.get(0), GOLDEN_TOLERANCE, name + ": output");
        LayerGolden.assertClose(fixture(c, "scores"), out.get(1), GOLDEN_TOLERANCE, name + ": attention scores");
        out.get(0).mul(fixture(c, "mix")).sum().backward();
        LayerGolden.assertClose(fixture(c, "dquery"), query.grad(), GOLDEN_TOLERANCE, name + ": d query");
        if (!self) {
            LayerGolden.assertClose(fixture(c, "dvalue"), value.grad(), GOLDEN_TOLERANCE, name + ": d value");
        }
        if (key != null) {
            LayerGolden.assertClose(fixture(c, "dkey"), key.grad(), GOLDEN_TOLERANCE, name + ": d key");
        }
        List<Tensor> live = layer.trainableWeights();
        List<String> names = layer.weightNames();
        for (int i = 0; i < live.size(); i++) {
            LayerGolden.assertClose(LayerGolden.tensor(c.getAsJsonObject("grads").getAsJsonObject(names.get(i))), live.get(i).grad(),
                    GOLDEN_TOLERANCE, name + ": d " + names.get(i));
        }
    }

    @Test
    void gradientsThroughMasksCausalMaskAndKeyMatchFiniteDifferences() {
        MultiHeadAttention layer = new MultiHeadAttention(2, 3).valueDim(2).outputShape(3, 2).useCausalMask(true);
        layer.build(List.of(new int[] {4, 3}, new int[] {4, 5}, new int[] {4, 2}), 7L);
        Tensor query = Tensor.randn(1, 2, 4, 3).requiresGrad(true);
        Tensor value = Tensor.randn(2, 2, 4, 5).requiresGrad(true);
        Tensor key = Tensor.randn(3, 2, 4, 2).requiresGrad(true);
        Tensor valueMask = Tensor.of(new double[] {1, 1, 0, 1, 1, 1, 1, 0}, 2, 4);
        Tensor mix = Tensor.randn(4, 2, 4, 3, 2);
        List<Tensor> inputs = new ArrayList<>(List.of(query, value, key));
        inputs.addAll(layer.trainableWeights());
        Storage.attachMask(value, valueMask);
        GradCheck.Result worst = GradCheck.check(xs -> layer.call(List.of(xs[0], xs[1], xs[2]), false).get(0).mul(mix).sum(),
                inputs.toArray(new Tensor[0]));
        assertTrue(worst.maxError() < GRAD_TOLERANCE, "worst gradient error " + worst);
    }

    @Test
    void aPaddedKeyStepGetsNoAttentionSoRealStepsMatchTheUnpaddedSequence() {
        Embedding embedding = new Embedding(10, 4).maskZero(true);
        embedding.build(new int[] {5}, 3L);
        MultiHeadAttention padded = new MultiHeadAttention(2, 3);
        padded.build(List.of(new int[] {5, 4}, new int[] {5, 4}), 4L);
        MultiHeadAttention shorter = new MultiHeadAttention(2, 3);
        shorter.build(List.of(new int[] {3, 4}, new int[] {3, 4}), 5L);
        shorter.setWeights(padded.getWeights());
        Tensor x = embedding.call(Tensor.of(new double[] {3, 5, 2, 0, 0}, 1, 5), false);
        Tensor y = padded.call(List.of(x, x), false).get(0);
        Embedding unmasked = new Embedding(10, 4);
        unmasked.build(new int[] {3}, 3L);
        unmasked.setWeights(embedding.getWeights());
        Tensor x3 = unmasked.call(Tensor.of(new double[] {3, 5, 2}, 1, 3), false);
        Tensor y3 = shorter.call(List.of(x3, x3), false).get(0);
        double[] full = y.toArray();
        double[] real = y3.toArray();
        for (int i = 0; i < real.length; i++) {
            assertEquals(real[i], full[i], SAME, "output " + i);
        }
        assertArrayEquals(new double[] {1, 1, 1, 0, 0}, padded.computeMask(List.of(x, x)).toArray(), "the query's mask passes on");
    }

    @Test
    void aTransformerEncoderBlockBuildsTrainsAndSavesInTheFunctionalApi(@TempDir Path dir) {
        SymbolicTensor tokens = Input.shape(6, 8);
        SymbolicTensor attended = new MultiHeadAttention(2, 4).dropout(0.1).apply(tokens, tokens);
        SymbolicTensor x = new LayerNormalization().epsilon(1e-6).apply(new Add().apply(tokens, attended));
        SymbolicTensor ff = new Dense(8).apply(new Dense(16, "relu").apply(x));
        SymbolicTensor encoded = new LayerNormalization().epsilon(1e-6).apply(new Add().apply(x, ff));
        SymbolicTensor outputs = new Dense(2, "softmax").apply(new Flatten().apply(encoded));
        Model model = new Model(tokens, outputs).seed(11L);
        model.compile(new Adam(0.01), "sparse_categorical_crossentropy");
        Tensor data = Tensor.randn(12, 16, 6, 8);
        double[] labels = new double[16];
        double[] d = data.toArray();
        for (int i = 0; i < 16; i++) {
            labels[i] = d[i * 48] > 0 ? 1 : 0;
        }
        Tensor y = Tensor.of(labels, 16);
        History history = model.fit(data, y, FitOptions.create().epochs(15).batchSize(8).shuffle(false).verbose(0));
        List<Double> loss = history.loss();
        assertTrue(loss.get(loss.size() - 1) < loss.get(0) * 0.5, "the loss falls: " + loss);
        for (String file : new String[] {"encoder.lepton", "encoder.keras"}) {
            model.save(dir.resolve(file));
            Model loaded = Model.load(dir.resolve(file));
            assertArrayEquals(model.predict(data).toArray(), loaded.predict(data).toArray(), file.endsWith(".keras") ? 1e-5 : 0.0, file);
        }
    }

    @Test
    void aKerasFileCallsTheLayerWithPositionalInputsAndTheCausalMaskAsACallArgument(@TempDir Path dir) throws Exception {
        SymbolicTensor query = Input.shape(4, 6);
        SymbolicTensor value = Input.shape(5, 3);
        SymbolicTensor out = new MultiHeadAttention(2, 3).useCausalMask(true).apply(query, value);
        Model model = new Model(List.of(query, value), List.of(out)).seed(5L);
        Path file = dir.resolve("causal.keras");
        model.save(file);
        String config;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            config = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        com.google.gson.JsonObject mha = null;
        for (JsonElement layer : com.google.gson.JsonParser.parseString(config).getAsJsonObject().getAsJsonObject("config")
                .getAsJsonArray("layers")) {
            if (layer.getAsJsonObject().get("class_name").getAsString().equals("MultiHeadAttention")) {
                mha = layer.getAsJsonObject();
            }
        }
        JsonObject call = mha.getAsJsonArray("inbound_nodes").get(0).getAsJsonObject();
        assertEquals(2, call.getAsJsonArray("args").size(), "query and value as two positional arguments: " + call);
        assertTrue(call.getAsJsonObject("kwargs").get("use_causal_mask").getAsBoolean(), call.toString());
        assertTrue(!mha.getAsJsonObject("config").has("use_causal_mask"), "not a Keras layer setting");
        List<Tensor> xs = List.of(Tensor.randn(1, 2, 4, 6), Tensor.randn(2, 2, 5, 3));
        Model loaded = Model.load(file);
        assertArrayEquals(model.predict(xs).get(0).toArray(), loaded.predict(xs).get(0).toArray(), 1e-5);
        assertEquals(Boolean.TRUE, loaded.layers().stream().filter(l -> l instanceof MultiHeadAttention).findFirst().orElseThrow()
                .getConfig().get("use_causal_mask"));
    }

    @Test
    void returnAttentionScoresIsASecondOutput() {
        SymbolicTensor query = Input.shape(3, 4);
        SymbolicTensor value = Input.shape(5, 2);
        List<SymbolicTensor> outs = new MultiHeadAttention(2, 3).returnAttentionScores(true).applyAll(query, value);
        assertArrayEquals(new int[] {3, 4}, outs.get(0).shape());
        assertArrayEquals(new int[] {2, 3, 5}, outs.get(1).shape());
    }

    @Test
    void badInputsNameTheLayerAndTheShapes() {
        MultiHeadAttention layer = new MultiHeadAttention(2, 3).name("mha");
        ShapeException rank = assertThrows(ShapeException.class, () -> layer.outputShapes(List.of(new int[] {4}, new int[] {4})));
        assertTrue(rank.getMessage().contains("'mha'") && rank.getMessage().contains("(None, 4)"), rank.getMessage());
        ShapeException keyValue = assertThrows(ShapeException.class,
                () -> layer.outputShapes(List.of(new int[] {3, 4}, new int[] {5, 2}, new int[] {6, 2})));
        assertTrue(keyValue.getMessage().contains("value_shape=(None, 5, 2)"), keyValue.getMessage());
        IllegalArgumentException four = assertThrows(IllegalArgumentException.class,
                () -> layer.outputShapes(List.of(new int[] {3, 4}, new int[] {3, 4}, new int[] {3, 4}, new int[] {3, 4})));
        assertTrue(four.getMessage().contains("received 4"), four.getMessage());
        layer.build(List.of(new int[] {3, 4}, new int[] {5, 2}), 1L);
        ShapeException mask = assertThrows(ShapeException.class,
                () -> layer.call(Tensor.zeros(2, 3, 4), Tensor.zeros(2, 5, 2), null, Tensor.ones(2, 5, 3), false));
        assertTrue(mask.getMessage().contains("'mha'") && mask.getMessage().contains("(2, 3, 5)"), mask.getMessage());
        ShapeException shape = assertThrows(ShapeException.class,
                () -> layer.call(Tensor.zeros(2, 3, 4), Tensor.zeros(2, 5, 3), null, null, false));
        assertTrue(shape.getMessage().contains("'mha'"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(0, 3));
        IllegalArgumentException dropout = assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(1, 3).dropout(1.0));
        assertTrue(dropout.getMessage().contains("dropout=1.0"), dropout.getMessage());
    }

    @Test
    void weightsHaveKerasShapesAndTheCausalMaskHidesTheFuture() {
        MultiHeadAttention layer = new MultiHeadAttention(3, 2).valueDim(4).useCausalMask(true);
        layer.build(List.of(new int[] {5, 6}, new int[] {5, 7}), 2L);
        List<int[]> shapes = layer.getWeights().stream().map(Tensor::shape).toList();
        int[][] keras = {{6, 3, 2}, {3, 2}, {7, 3, 2}, {3, 2}, {7, 3, 4}, {3, 4}, {3, 4, 6}, {6}};
        assertEquals(keras.length, shapes.size());
        for (int i = 0; i < keras.length; i++) {
            assertArrayEquals(keras[i], shapes.get(i), layer.weightNames().get(i));
        }
        Tensor scores = layer.callWithScores(Tensor.randn(1, 1, 5, 6), Tensor.randn(2, 1, 5, 7), null, null, false).get(1);
        for (int h = 0; h < 3; h++) {
            for (int t = 0; t < 5; t++) {
                for (int s = t + 1; s < 5; s++) {
                    assertEquals(0.0, scores.get(0, h, t, s), "head " + h + " step " + t + " sees " + s);
                }
            }
        }
        assertNull(new MultiHeadAttention(1, 1).getConfig().get("use_causal_mask"), "a Keras config has no call arguments by default");
    }
}
