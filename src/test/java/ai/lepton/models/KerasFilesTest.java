package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.io.ModelFormatException;
import ai.lepton.io.hdf5.H5py;
import ai.lepton.layers.Add;
import ai.lepton.layers.Concatenate;
import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Dropout;
import ai.lepton.layers.Flatten;
import ai.lepton.layers.MaxPooling2D;
import ai.lepton.optimizers.Adam;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.io.TempDir;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keras files written by an independent tool ({@code make_fixtures.py}, h5py and NumPy, in
 * Keras's exact layouts) load and predict the NumPy numbers.
 */
class KerasFilesTest {
    private static final long SEED = 19L;

    @TempDir
    Path dir;

    /** Float32 weights become doubles exactly, so only the order of float64 sums differs from NumPy's. */
    private static final double RELATIVE = 1e-6;

    static Path fixture(String name) {
        try {
            return Path.of(KerasFilesTest.class.getResource("/keras/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixed input and NumPy's output of a fixture model. */
    record Expected(Tensor input, Tensor output) {
        static Expected of(String model) throws IOException {
            JsonObject o = JsonParser.parseString(Files.readString(fixture(model + "_expected.json"))).getAsJsonObject();
            return new Expected(Tensor.of(doubles(o.getAsJsonArray("input")), ints(o.getAsJsonArray("input_shape"))),
                    Tensor.of(doubles(o.getAsJsonArray("output")), ints(o.getAsJsonArray("output_shape"))));
        }
    }

    static double[] doubles(JsonArray a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }

    static int[] ints(JsonArray a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

    static void assertClose(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        double[] e = expected.toArray();
        double[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], RELATIVE * Math.abs(e[i]), "element " + i);
        }
    }

    @Test
    void aKeras3DenseFilePredictsNumpysNumbers() throws IOException {
        Model model = Model.load(fixture("dense.keras"));
        assertInstanceOf(Sequential.class, model);
        Expected expected = Expected.of("dense");
        assertClose(expected.output(), model.predict(expected.input()));
        assertEquals(List.of("dense", "dense_1"), model.layers().stream().map(l -> l.name()).toList());
        assertFalse(model.isCompiled());
    }

    @Test
    void aKeras3ConvFileLoadsCompiledWithAdamsState() throws IOException {
        Model model = Model.load(fixture("conv.keras"));
        Expected expected = Expected.of("conv");
        assertClose(expected.output(), model.predict(expected.input()));
        assertInstanceOf(Adam.class, model.optimizer());
        assertEquals(7, model.optimizer().iterations());
        assertEquals(0.0010000000474974513, model.optimizer().learningRate());
        assertEquals(List.of(), model.loadWarnings());
    }

    @Test
    void keras2H5FilesPredictNumpysNumbers() throws IOException {
        for (String name : List.of("dense", "conv")) {
            Model model = Model.load(fixture(name + "_legacy.h5"));
            assertClose(Expected.of(name).output(), model.predict(Expected.of(name).input()));
        }
    }

    @Test
    void aFunctionalModelWithANestedSequentialLoadsFromKeras3AndKeras2Files() throws IOException {
        JsonObject o = JsonParser.parseString(Files.readString(fixture("functional_expected.json"))).getAsJsonObject();
        List<Tensor> inputs = new ArrayList<>();
        for (var input : o.getAsJsonArray("inputs")) {
            JsonObject i = input.getAsJsonObject();
            inputs.add(Tensor.of(doubles(i.getAsJsonArray("values")), ints(i.getAsJsonArray("shape"))));
        }
        Tensor expected = Tensor.of(doubles(o.getAsJsonArray("output")), ints(o.getAsJsonArray("output_shape")));
        for (String file : List.of("functional.keras", "functional_legacy.h5")) {
            Model model = Model.load(fixture(file));
            assertEquals(List.of("input_a", "input_b", "dense", "dense_1", "add", "block", "concatenate", "dropout", "dense_3"),
                    model.layers().stream().map(l -> l.name()).toList(), file);
            assertInstanceOf(Sequential.class, model.getLayer("block"), file);
            assertClose(expected, model.predict(inputs).get(0));
        }
    }

    /** The inputs and output a fixture's JSON holds (several inputs allowed). */
    private static List<Tensor> fixtureInputs(JsonObject o) {
        List<Tensor> inputs = new ArrayList<>();
        for (var input : o.getAsJsonArray("inputs")) {
            JsonObject i = input.getAsJsonObject();
            inputs.add(Tensor.of(doubles(i.getAsJsonArray("values")), ints(i.getAsJsonArray("shape"))));
        }
        return inputs;
    }

    /** Keras computes in float32, so its predictions agree with Lepton's float64 ones to float32 precision. */
    private static final double KERAS_FLOAT32 = 1e-5;

    @Test
    void filesWrittenByKerasItselfLoadAndPredictKerassNumbers() throws IOException {
        for (String name : List.of("cnn", "graph")) {
            JsonObject o = JsonParser.parseString(Files.readString(fixture("keras3/" + name + "_expected.json"))).getAsJsonObject();
            List<Tensor> inputs = fixtureInputs(o);
            double[] expected = doubles(o.getAsJsonArray("output"));
            for (String ext : List.of(".keras", ".h5")) {
                Model model = Model.load(fixture("keras3/" + name + ext));
                double[] actual = model.predict(inputs).get(0).toArray();
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], KERAS_FLOAT32, name + ext + " element " + i);
                }
                assertEquals(ext.equals(".keras") ? o.get("optimizer_iterations").getAsLong() : 0, model.optimizer().iterations(),
                        name + ext);
                assertEquals(List.of(), model.loadWarnings().stream().filter(w -> !w.contains(".h5")).toList(), name + ext);
            }
        }
        Model graph = Model.load(fixture("keras3/graph.keras"));
        assertInstanceOf(ai.lepton.optimizers.RMSprop.class, graph.optimizer());
        assertEquals(List.of("mae"), graph.metricNames());
        Sequential cnn = new Sequential(new Conv2D(4, 3, "relu").padding("same").inputShape(8, 8, 1), new MaxPooling2D(),
                new Conv2D(6, 3, "relu").strides(2).padding("same"), new Flatten(), new Dropout(0.3), new Dense(5, "softmax"));
        cnn.loadWeights(fixture("keras3/cnn.weights.h5"));
        JsonObject o = JsonParser.parseString(Files.readString(fixture("keras3/cnn_expected.json"))).getAsJsonObject();
        double[] expected = doubles(o.getAsJsonArray("output"));
        double[] actual = cnn.predict(fixtureInputs(o).get(0)).toArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], KERAS_FLOAT32, "cnn.weights.h5 element " + i);
        }
    }

    @Test
    void weightsFilesLoadIntoTheSameArchitecture() throws IOException {
        Sequential dense = new Sequential(new Dense(4, "relu").inputShape(8), new Dense(3, "softmax"));
        dense.loadWeights(fixture("dense.weights.h5"));
        assertClose(Expected.of("dense").output(), dense.predict(Expected.of("dense").input()));
        Sequential conv = new Sequential(new Conv2D(2, 3, "relu").inputShape(6, 6, 1), new MaxPooling2D(), new Flatten(),
                new Dense(3, "softmax"));
        conv.loadWeights(fixture("conv.weights.h5"));
        assertClose(Expected.of("conv").output(), conv.predict(Expected.of("conv").input()));
    }

    // ---------------------------------------------------------------- export

    /** A functional model of two inputs with a nested Sequential CNN, merge layers and Dropout, trained one epoch with Adam. */
    static Model functionalCnn() {
        SymbolicTensor image = Input.shape(6, 6, 1).name("image");
        SymbolicTensor extra = Input.shape(3).name("extra");
        Sequential features = new Sequential(new Conv2D(2, 3, "relu").inputShape(6, 6, 1), new MaxPooling2D(), new Flatten())
                .name("features");
        SymbolicTensor e = new Dense(8, "tanh").apply(extra);
        SymbolicTensor sum = new Add().apply(features.apply(image), e);
        SymbolicTensor joined = new Concatenate().apply(sum, e);
        SymbolicTensor out = new Dense(3, "softmax").apply(new Dropout(0.25).apply(joined));
        Model model = new Model(List.of(image, extra), List.of(out)).seed(SEED);
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        model.fit(inputs(16), List.of(oneHot(16)), FitOptions.create().epochs(1).batchSize(8).verbose(0));
        return float32(model);
    }

    static Sequential sequentialCnn() {
        Sequential model = new Sequential(new Conv2D(3, 3, "relu").inputShape(6, 6, 1).padding("same"), new MaxPooling2D(),
                new Flatten(), new Dense(3, "softmax")).seed(SEED);
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        model.fit(inputs(16).get(0), oneHot(16), FitOptions.create().epochs(1).batchSize(8).verbose(0));
        return (Sequential) float32(model);
    }

    static List<Tensor> inputs(int n) {
        SplittableRandom random = new SplittableRandom(SEED);
        return List.of(Tensor.of(random.doubles(n * 36L).toArray(), n, 6, 6, 1), Tensor.of(random.doubles(n * 3L).toArray(), n, 3));
    }

    static Tensor oneHot(int n) {
        double[] y = new double[n * 3];
        for (int i = 0; i < n; i++) {
            y[i * 3 + i % 3] = 1;
        }
        return Tensor.of(y, n, 3);
    }

    /** Rounds the weights to float32, the precision Keras files keep, so that a file holds them exactly. */
    static Model float32(Model model) {
        List<Tensor> rounded = new ArrayList<>();
        for (Tensor w : model.getWeights()) {
            double[] v = w.toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) v[i];
            }
            rounded.add(Tensor.of(v, w.shape()));
        }
        model.setWeights(rounded);
        return model;
    }

    static List<Tensor> inputsOf(Model model) {
        return model.inputShapes().size() == 2 ? inputs(4) : List.of(inputs(4).get(0));
    }

    @Test
    void loadOfSaveIsIdenticalForKerasAndH5Files() throws IOException {
        for (Model model : List.of(functionalCnn(), sequentialCnn())) {
            for (String ext : List.of(".keras", ".h5")) {
                Path file = dir.resolve(model.name() + ext);
                model.save(file);
                Model loaded = Model.load(file);
                String what = model.name() + ext;
                assertEquals(model.getClass(), loaded.getClass(), what);
                assertEquals(model.layers().stream().map(l -> l.name()).toList(), loaded.layers().stream().map(l -> l.name()).toList(),
                        what);
                for (int i = 0; i < model.getWeights().size(); i++) {
                    assertArrayEquals(model.getWeights().get(i).toArray(), loaded.getWeights().get(i).toArray(), what);
                }
                assertArrayEquals(model.predict(inputsOf(model)).get(0).toArray(), loaded.predict(inputsOf(model)).get(0).toArray(),
                        what);
                assertInstanceOf(Adam.class, loaded.optimizer(), what);
                assertEquals(model.metricNames(), loaded.metricNames(), what);
                assertEquals(ext.equals(".keras") ? model.optimizer().iterations() : 0, loaded.optimizer().iterations(), what);
                if (ext.equals(".keras")) {
                    assertSlotsAreFloat32Copies(model, loaded);
                    Path again = dir.resolve("again" + ext);
                    loaded.save(again);
                    assertArrayEquals(entry(file, "config.json"), entry(again, "config.json"), what);
                    assertArrayEquals(entry(file, "model.weights.h5"), entry(again, "model.weights.h5"), what);
                }
            }
        }
    }

    private static void assertSlotsAreFloat32Copies(Model model, Model loaded) {
        List<Tensor> original = model.optimizer().variables();
        List<Tensor> restored = loaded.optimizer().variables();
        assertEquals(original.size(), restored.size());
        for (int i = 0; i < original.size(); i++) {
            double[] o = original.get(i).toArray();
            double[] r = restored.get(i).toArray();
            for (int k = 0; k < o.length; k++) {
                assertEquals((float) o[k], r[k], 0.0, "slot " + i);
            }
        }
    }

    private static byte[] entry(Path zip, String name) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return z.getInputStream(z.getEntry(name)).readAllBytes();
        }
    }

    /** A layer of the user's own: multiplies by a factor. */
    static final class Scale extends ai.lepton.layers.Layer {
        private final double factor;

        Scale(double factor) {
            this.factor = factor;
        }

        @Override
        public int[] computeOutputShape(int[] inputShape) {
            return inputShape.clone();
        }

        @Override
        public Tensor call(Tensor x, boolean training) {
            return x.mul(factor);
        }

        @Override
        public ai.lepton.config.Config getConfig() {
            return super.getConfig().put("factor", factor);
        }
    }

    @Test
    void aRegisteredCustomLayerAndLossGoThroughKerasFilesUnderTheirRegisteredNames() throws IOException {
        ai.lepton.layers.Layers.register("tests>Scale", Scale.class, c -> new Scale(c.getDouble("factor")));
        ai.lepton.losses.Losses.register("tests>ScaledSquaredError", CustomObjectsTest.ScaledSquaredError.class,
                c -> new CustomObjectsTest.ScaledSquaredError(c.getDouble("factor")));
        Sequential model = new Sequential(new Dense(2).inputShape(3), new Scale(2.5)).seed(SEED);
        model.compile(new Adam(0.01), new CustomObjectsTest.ScaledSquaredError(3.0));
        float32(model);
        Path file = dir.resolve("custom.keras");
        model.save(file);
        JsonObject config = JsonParser.parseString(new String(entry(file, "config.json"), StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject scale = config.getAsJsonObject("config").getAsJsonArray("layers").get(2).getAsJsonObject();
        assertEquals("Scale", scale.get("class_name").getAsString());
        assertEquals("tests>Scale", scale.get("registered_name").getAsString());
        assertEquals("tests", scale.get("module").getAsString());
        Model loaded = Model.load(file);
        assertInstanceOf(Scale.class, loaded.layers().get(1));
        assertEquals(3.0, loaded.loss().getConfig().getDouble("factor"));
        Tensor x = inputs(4).get(1);
        assertArrayEquals(model.predict(x).toArray(), loaded.predict(x).toArray());
    }

    @Test
    void aFrozenNestedModelStaysFrozenThroughAKerasFile() {
        Model model = functionalCnn();
        model.getLayer("features").trainable(false);
        Path file = dir.resolve("frozen.keras");
        model.save(file);
        Model loaded = Model.load(file);
        assertFalse(loaded.getLayer("features").trainable());
        assertEquals(model.trainableWeights().size(), loaded.trainableWeights().size());
    }

    @Test
    void weightsFilesRoundTripIntoAFreshModel() {
        Model model = functionalCnn();
        Path file = dir.resolve("model.weights.h5");
        model.saveWeights(file);
        Model fresh = functionalCnnArchitecture(SEED + 1);
        fresh.loadWeights(file);
        assertArrayEquals(model.predict(inputs(4)).get(0).toArray(), fresh.predict(inputs(4)).get(0).toArray());
    }

    private static Model functionalCnnArchitecture(long seed) {
        SymbolicTensor image = Input.shape(6, 6, 1).name("image");
        SymbolicTensor extra = Input.shape(3).name("extra");
        Sequential features = new Sequential(new Conv2D(2, 3, "relu").inputShape(6, 6, 1), new MaxPooling2D(), new Flatten())
                .name("features");
        SymbolicTensor e = new Dense(8, "tanh").apply(extra);
        SymbolicTensor joined = new Concatenate().apply(new Add().apply(features.apply(image), e), e);
        return new Model(List.of(image, extra), List.of(new Dense(3, "softmax").apply(new Dropout(0.25).apply(joined)))).seed(seed);
    }

    @Test
    void h5pyReadsWhatLeptonWritesInKerasLayoutAndNumpyPredictsTheSame() throws IOException {
        H5py.assumeAvailable();
        for (Model model : List.of(functionalCnn(), sequentialCnn())) {
            List<Tensor> x = inputsOf(model);
            Path inputs = dir.resolve("inputs.json");
            Files.writeString(inputs, inputsJson(x));
            Path keras = dir.resolve(model.name() + ".keras");
            model.save(keras);
            Path h5 = dir.resolve(model.name() + ".h5");
            model.save(h5);
            Path weights = dir.resolve(model.name() + ".weights.h5");
            model.saveWeights(weights);
            Tensor lepton = model.predict(x).get(0);
            for (List<String> args : List.of(List.of(keras.toString()), List.of(h5.toString()),
                    List.of(weights.toString(), keras.toString()))) {
                List<String> all = new ArrayList<>(List.of(args.get(0), inputs.toString()));
                all.addAll(args.subList(1, args.size()));
                JsonObject check = JsonParser.parseString(H5py.output("import check_export; check_export.main()",
                        all.toArray(String[]::new))).getAsJsonObject();
                String what = model.name() + " " + args.get(0);
                assertEquals("[]", check.get("problems").toString(), what);
                assertClose(Tensor.of(doubles(check.getAsJsonArray("outputs")), ints(check.getAsJsonArray("shape"))), lepton);
                if (!args.get(0).endsWith(".h5") || args.get(0).endsWith(".weights.h5")) {
                    // Adam in Keras's layout: iterations, learning rate, then momentum and velocity per trainable weight.
                    assertEquals(2 + 2 * model.trainableWeights().size(), check.get("optimizer_variables").getAsInt(), what);
                }
            }
        }
    }

    private static String inputsJson(List<Tensor> xs) {
        JsonArray list = new JsonArray();
        for (Tensor x : xs) {
            JsonObject o = new JsonObject();
            JsonArray shape = new JsonArray();
            for (int d : x.shape()) {
                shape.add(d);
            }
            JsonArray values = new JsonArray();
            for (double v : x.toArray()) {
                values.add(v);
            }
            o.add("shape", shape);
            o.add("values", values);
            list.add(o);
        }
        JsonObject root = new JsonObject();
        root.add("inputs", list);
        return root.toString();
    }

    // ---------------------------------------------------------------- hostile and unsupported files

    /** A copy of a fixture with its config.json edited. */
    private Path withConfig(String fixture, UnaryOperator<String> edit) throws IOException {
        Map<String, byte[]> entries = ModelFiles.entries(Files.readAllBytes(fixture(fixture)));
        entries.put("config.json", edit.apply(new String(entries.get("config.json"), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("edited.keras");
        Files.write(file, ModelFiles.zip(entries));
        return file;
    }

    @Test
    void hugeDeclaredShapesAreRefusedBeforeAnyMemoryIsGiven() throws IOException {
        for (UnaryOperator<String> edit : List.<UnaryOperator<String>>of(
                c -> c.replace("\"units\": 4", "\"units\": 2000000000"),
                c -> c.replace("[null, 8]", "[null, 2000000000]"))) {
            Path file = withConfig("dense.keras", edit);
            ModelFormatException e = assertThrows(
                    ModelFormatException.class, () -> Model.load(file));
            assertTrue(e.getMessage().contains("2000000000"), e.getMessage());
        }
    }

    @Test
    void missingWeightsNameTheLayer() throws IOException {
        Map<String, byte[]> entries = ModelFiles.entries(Files.readAllBytes(fixture("conv.keras")));
        entries.put("model.weights.h5", Files.readAllBytes(fixture("dense.weights.h5")));
        Path file = dir.resolve("mixed.keras");
        Files.write(file, ModelFiles.zip(entries));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Model.load(file));
        assertTrue(e.getMessage().contains("layer 'conv2d' (Conv2D)"), e.getMessage());
    }

    @Test
    void compileSettingsLeptonLacksAreWarningsAndTheModelStillPredicts() throws IOException {
        Path file = withConfig("conv.keras", c -> c.replace("\"metrics\": null", "\"metrics\": [\"accuracy\", \"pearson_correlation\"]"));
        Model model = Model.load(file);
        assertEquals(List.of("accuracy"), model.metricNames());
        assertEquals(1, model.loadWarnings().size());
        assertTrue(model.loadWarnings().get(0).contains("'pearson_correlation'"), model.loadWarnings().toString());
        Path uncompiled = withConfig("conv.keras", c -> c.replace("\"class_name\": \"Adam\"", "\"class_name\": \"Muon\""));
        Model inference = Model.load(uncompiled);
        assertFalse(inference.isCompiled());
        assertTrue(inference.loadWarnings().get(0).contains("uncompiled"), inference.loadWarnings().toString());
        assertClose(Expected.of("conv").output(), inference.predict(Expected.of("conv").input()));
    }

    @Test
    void otherExtensionsAreErrorsNamingTheSupportedOnes() {
        Model model = sequentialCnn();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.save(dir.resolve("model.zip")));
        assertTrue(e.getMessage().contains(".lepton") && e.getMessage().contains(".keras") && e.getMessage().contains(".h5"),
                e.getMessage());
        ModelFormatException loading = assertThrows(ModelFormatException.class, () -> Model.load(dir.resolve("x.weights.h5")));
        assertTrue(loading.getMessage().contains("loadWeights"), loading.getMessage());
        loading = assertThrows(ModelFormatException.class, () -> Model.load(dir.resolve("notes.txt")));
        assertTrue(loading.getMessage().contains(".lepton") && loading.getMessage().contains(".keras"), loading.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.saveWeights(dir.resolve("w.h5")));
        assertTrue(e.getMessage().contains(".weights.h5"), e.getMessage());
    }

    // ---------------------------------------------------------------- Keras itself

    /**
     * Keras itself loads what Lepton writes and predicts Lepton's numbers. Needs a Python with Keras 3
     * ({@code -Dlepton.keras.python=/path/to/python}); skipped otherwise, as on CI.
     */
    @Test
    void kerasItselfLoadsWhatLeptonWrites() throws IOException, InterruptedException {
        String python = System.getProperty("lepton.keras.python", "");
        org.junit.jupiter.api.Assumptions.assumeTrue(!python.isEmpty(),
                "-Dlepton.keras.python names no Python with Keras 3: the check with Keras itself is skipped");
        Path script = fixture("keras3/keras_load.py");
        for (Model model : List.of(functionalCnn(), sequentialCnn())) {
            List<Tensor> x = inputsOf(model);
            Path inputs = dir.resolve("inputs.json");
            Files.writeString(inputs, inputsJson(x));
            Path keras = dir.resolve(model.name() + ".keras");
            model.save(keras);
            Path h5 = dir.resolve(model.name() + ".h5");
            model.save(h5);
            Path weights = dir.resolve(model.name() + ".weights.h5");
            model.saveWeights(weights);
            Tensor lepton = model.predict(x).get(0);
            for (List<String> args : List.of(List.of(keras.toString()), List.of(h5.toString()),
                    List.of(keras.toString(), weights.toString()))) {
                List<String> command = new ArrayList<>(List.of(python, script.toString(), args.get(0), inputs.toString()));
                command.addAll(args.subList(1, args.size()));
                Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, p.waitFor(), "Keras failed on " + args);
                JsonObject result = JsonParser.parseString(out).getAsJsonObject();
                double[] keras3 = doubles(result.getAsJsonArray("outputs"));
                double[] expected = lepton.toArray();
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], keras3[i], KERAS_FLOAT32, args + " element " + i);
                }
                assertEquals("Adam", result.get("optimizer").getAsString(), args.toString());
                assertEquals(args.get(0).endsWith(".keras") ? model.optimizer().iterations() : 0, result.get("iterations").getAsLong(),
                        args.toString());
            }
        }
    }
}
