package ai.lepton.io.keras;

import ai.lepton.config.Config;
import ai.lepton.io.ConfigJson;
import ai.lepton.io.ModelFormatException;
import ai.lepton.io.NamedArray;
import ai.lepton.io.hdf5.Hdf5File;
import ai.lepton.io.hdf5.Hdf5Group;
import ai.lepton.io.hdf5.Hdf5Limits;
import ai.lepton.io.hdf5.Hdf5Value;
import ai.lepton.optimizers.Optimizer;
import ai.lepton.optimizers.Optimizers;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Keras model file read into Lepton's terms, and the writing of one: Keras 3's {@code .keras}
 * zip, the Keras 2/3 HDF5 model file {@code .h5}, and weights files ({@code .weights.h5} in
 * Keras 3's layout, or a Keras 2 {@code save_weights} {@code .h5}). It knows no model class: the
 * model package rebuilds the model from {@link #model()} through the layer registry, describes its
 * layers as a {@link LayerNode} tree, and takes the weights from {@link #weights}. What Lepton
 * cannot use (an unknown metric, an optimizer layout it does not map, a dtype policy) is listed in
 * {@link #notes()}; what it cannot load at all is a {@link ModelFormatException} naming the file,
 * the layer and the reason.
 *
 * <pre>{@code
 * KerasModelFile file = KerasModelFile.read(Path.of("model.keras"));
 * Config architecture = file.model();                  // {"class_name": "Sequential", "config": {...}}
 * List<String> skipped = file.notes();
 * }</pre>
 */
public final class KerasModelFile {
    /** The Keras version whose layout Lepton writes, as recorded in the files. */
    public static final String KERAS_VERSION = "3.9.2";

    private final String source;
    private final Config model;
    private final JsonObject compileConfig;
    private final Hdf5Group weightsRoot;
    private final boolean legacy;
    private final boolean legacyOptimizerWeights;
    private final List<String> notes;

    private KerasModelFile(String source, Config model, JsonObject compileConfig, Hdf5Group weightsRoot, boolean legacy,
            boolean legacyOptimizerWeights, List<String> notes) {
        this.source = source;
        this.model = model;
        this.compileConfig = compileConfig;
        this.weightsRoot = weightsRoot;
        this.legacy = legacy;
        this.legacyOptimizerWeights = legacyOptimizerWeights;
        this.notes = notes;
    }

    /**
     * @param path a file name
     * @return whether it names a Keras weights file ({@code .weights.h5})
     */
    public static boolean isWeightsFile(Path path) {
        return lowerName(path).endsWith(".weights.h5");
    }

    /**
     * Reads a {@code .keras} or {@code .h5} model file.
     *
     * @param path the file
     * @return its architecture, compile settings and weights, in Lepton's terms
     * @throws ModelFormatException if it is not a Keras model file Lepton can load, naming the layer and the reason
     * @throws java.io.UncheckedIOException if the file cannot be read at all
     */
    public static KerasModelFile read(Path path) {
        List<String> notes = new ArrayList<>();
        if (lowerName(path).endsWith(".keras")) {
            KerasArchive archive = KerasArchive.read(path);
            archive.ignored().forEach(e -> notes.add("the entry '" + e + "' is ignored"));
            String source = path + " " + KerasArchive.CONFIG;
            Hdf5Group weights = Hdf5File.read(archive.weights(), path + " " + KerasArchive.WEIGHTS, Hdf5Limits.forLoading());
            Config model = new ConfigFromKeras(source, notes).model(archive.config());
            JsonElement compile = archive.config().get("compile_config");
            return new KerasModelFile(path.toString(), model, compile != null && compile.isJsonObject() ? compile.getAsJsonObject()
                    : null, weights, false, false, notes);
        }
        Hdf5Group root = Hdf5File.read(path, Hdf5Limits.forLoading());
        String config = LegacyH5.text(root, "model_config", path.toString()).orElseThrow(() -> new ModelFormatException(path
                + " has no model_config attribute, so it holds no model" + (root.children().containsKey("layers")
                        || root.attributes().keySet().stream().anyMatch(a -> a.startsWith("layer_names"))
                        ? ": it holds weights only (Keras's save_weights); build the model and call loadWeights"
                        : ": it is not a Keras model file (its root holds " + root.children().keySet() + ")")));
        String source = path + " model_config";
        Config model = new ConfigFromKeras(source, notes).model(KerasArchive.parse(path, "model_config",
                config.getBytes(StandardCharsets.UTF_8)));
        JsonObject compile = LegacyH5.text(root, "training_config", path.toString())
                .map(t -> KerasArchive.parse(path, "training_config", t.getBytes(StandardCharsets.UTF_8))).orElse(null);
        Hdf5Group weights = root.children().get(LegacyH5.MODEL_WEIGHTS) instanceof Hdf5Group g ? g : null;
        if (weights == null) {
            throw new ModelFormatException(path + " has no group '" + LegacyH5.MODEL_WEIGHTS + "': it was saved without weights");
        }
        return new KerasModelFile(path.toString(), model, compile, weights, true, root.children().containsKey("optimizer_weights"),
                notes);
    }

    /**
     * Reads a weights file: {@code .weights.h5} in Keras 3's layout, or another {@code .h5} in
     * Keras 2's {@code save_weights} layout.
     *
     * @param path the file
     * @return its weights (and optimizer state); {@link #model()} is {@code null}
     * @throws ModelFormatException if it is not a weights file Lepton can read
     * @throws java.io.UncheckedIOException if the file cannot be read at all
     */
    public static KerasModelFile readWeights(Path path) {
        Hdf5Group root = Hdf5File.read(path, Hdf5Limits.forLoading());
        boolean legacy = !root.children().containsKey("layers") && !root.children().containsKey("vars");
        Hdf5Group weights = root;
        if (legacy && root.children().get(LegacyH5.MODEL_WEIGHTS) instanceof Hdf5Group g) {
            weights = g;
        }
        return new KerasModelFile(path.toString(), null, null, weights, legacy, false, new ArrayList<>());
    }

    /** @return Lepton's {@code {"class_name", "config"}} of the model; {@code null} for a weights file */
    public Config model() {
        return model == null ? null : model.copy();
    }

    /**
     * The compile settings, as far as Lepton has them; what it lacks is added to {@link #notes()}.
     *
     * @param outputs the model's number of outputs
     * @return the settings, or {@code null} when the file has none or the model must load uncompiled
     */
    public KerasCompile compile(int outputs) {
        if (compileConfig == null || compileConfig.isEmpty()) {
            return null;
        }
        return KerasCompile.read(compileConfig, outputs, source, notes);
    }

    /**
     * Reads every weight of the model, checking each against the shape its layer makes.
     *
     * @param tree the model's layers, with the weights they make
     * @return each weight's values by its path
     * @throws ModelFormatException if a weight is missing, extra or of another shape, naming the layer
     */
    public Map<String, NamedArray> weights(LayerNode tree) {
        return legacy ? LegacyH5.readWeights(weightsRoot, tree, source) : KerasWeights.read(weightsRoot, tree, source);
    }

    /**
     * The optimizer's state, when the file has it in a layout Lepton maps; otherwise a note says why not.
     *
     * @param optimizer the optimizer rebuilt from the compile settings
     * @param optimizerShapes the shapes of the weights it updates, in the model's order
     * @return the state, or {@code null}
     */
    public OptimizerState optimizerState(Optimizer optimizer, List<int[]> optimizerShapes) {
        if (legacy) {
            if (legacyOptimizerWeights) {
                notes.add("the optimizer state of the .h5 file is not restored (Lepton reads the optimizer state of .keras "
                        + "files only); training goes on from fresh slots");
            }
            return null;
        }
        if (!(weightsRoot.find("optimizer/vars").orElse(null) instanceof Hdf5Group vars)) {
            return null;
        }
        OptimizerVars.State state = OptimizerVars.read(vars, optimizer, optimizerShapes, source, notes);
        return state == null ? null : new OptimizerState(state.iterations(), state.slots());
    }

    /** @return what loading left out or changed, one sentence each (empty when nothing) */
    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    /**
     * Writes a model as a Keras file chosen by the extension: {@code .keras} (Keras 3's zip) or
     * {@code .h5} (the HDF5 model file Keras writes for that name).
     *
     * @param path the file; its folder must exist
     * @param contents the model
     * @return notes on what the file leaves out (an optimizer state Lepton cannot lay out as Keras does)
     * @throws IllegalArgumentException if the extension is neither, or the model holds what the format cannot
     * @throws java.io.UncheckedIOException if writing fails; a previous file is then intact
     */
    public static List<String> write(Path path, ModelContents contents) {
        List<String> notes = new ArrayList<>();
        String name = lowerName(path);
        if (name.endsWith(".keras")) {
            JsonObject config = new ConfigToKeras(false).model(entry(contents.model()), contents.tree());
            if (contents.compile() != null) {
                config.add("compile_config", KerasCompile.write(contents.compile().optimizer(), contents.compile().losses(),
                        contents.compile().metrics()));
            }
            JsonObject metadata = new JsonObject();
            metadata.addProperty("keras_version", KERAS_VERSION);
            metadata.addProperty("date_saved", LocalDateTime.now().withNano(0).toString().replace('T', '@'));
            KerasArchive.write(path, config, metadata, Hdf5File.toBytes(weightsTree(contents, notes)));
        } else if (name.endsWith(".h5") && !name.endsWith(".weights.h5")) {
            Hdf5File.write(legacyTree(contents, notes), path);
        } else {
            throw new IllegalArgumentException("cannot write " + path + " as a Keras model file: the name must end in .keras or "
                    + ".h5");
        }
        return notes;
    }

    /**
     * Writes a model's weights (and its optimizer's state when compiled) as a {@code .weights.h5}
     * file in Keras 3's layout, as Keras's {@code save_weights}.
     *
     * @param path the file, ending in {@code .weights.h5}; its folder must exist
     * @param contents the model (its config is not written)
     * @return notes on what the file leaves out
     * @throws IllegalArgumentException if the name does not end in {@code .weights.h5}
     * @throws java.io.UncheckedIOException if writing fails; a previous file is then intact
     */
    public static List<String> writeWeights(Path path, ModelContents contents) {
        if (!isWeightsFile(path)) {
            throw new IllegalArgumentException("cannot write " + path + " as Keras weights: the name must end in .weights.h5, "
                    + "as Keras requires");
        }
        List<String> notes = new ArrayList<>();
        Hdf5File.write(weightsTree(contents, notes), path);
        return notes;
    }

    private static Hdf5Group weightsTree(ModelContents contents, List<String> notes) {
        Hdf5Group.Builder root = Hdf5Group.builder();
        KerasWeights.write(contents.tree(), contents.values(), root);
        if (contents.compile() != null) {
            Optimizer optimizer = contents.compile().optimizer();
            Hdf5Group.Builder vars = root.group("optimizer/vars").attribute("name",
                    Hdf5Value.string(Optimizers.nameOf(optimizer).toLowerCase(Locale.ROOT)));
            if (!OptimizerVars.write(optimizer, contents.optimizerShapes(), contents.slots(), vars)) {
                notes.add("the slots of the " + Optimizers.nameOf(optimizer) + " optimizer are not written: "
                        + "Lepton does not map them to Keras's layout, so Keras starts them afresh");
            }
        }
        return root.build();
    }

    private static Hdf5Group legacyTree(ModelContents contents, List<String> notes) {
        Hdf5Group.Builder root = Hdf5Group.builder();
        root.attribute("backend", Hdf5Value.string("tensorflow"));
        root.attribute("keras_version", Hdf5Value.string(KERAS_VERSION));
        JsonObject config = new ConfigToKeras(true).model(entry(contents.model()), contents.tree());
        root.attribute("model_config", Hdf5Value.string(config.toString()));
        if (contents.compile() != null) {
            JsonObject training = KerasCompile.write(contents.compile().optimizer(), contents.compile().losses(),
                    contents.compile().metrics());
            JsonObject optimizer = training.remove("optimizer").getAsJsonObject();
            optimizer.remove("module");
            optimizer.remove("registered_name");
            training.add("optimizer_config", optimizer);
            root.attribute("training_config", Hdf5Value.string(training.toString()));
            notes.add("the optimizer state is not written to the .h5 file (Lepton writes it in .keras files)");
        }
        LegacyH5.writeWeights(contents.tree(), contents.values(), root.group(LegacyH5.MODEL_WEIGHTS), KERAS_VERSION);
        return root.build();
    }

    private static JsonObject entry(Config model) {
        return ConfigJson.toJson(model);
    }

    private static String lowerName(Path path) {
        Path file = path.getFileName();
        return file == null ? "" : file.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * An optimizer's state read from a file.
     *
     * @param iterations the steps taken
     * @param slots the slot values in Lepton's order: per trainable weight, each slot in {@code slotNames()} order
     */
    public record OptimizerState(long iterations, List<double[]> slots) {
        /**
         * Copies the list (not the arrays).
         *
         * @param iterations the steps taken
         * @param slots the slot values
         */
        public OptimizerState {
            slots = List.copyOf(slots);
        }
    }
}
