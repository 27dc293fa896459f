package ai.lepton.models;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.io.ModelFormatException;
import ai.lepton.io.NamedArray;
import ai.lepton.io.keras.KerasCompile;
import ai.lepton.io.keras.KerasModelFile;
import ai.lepton.io.keras.LayerNode;
import ai.lepton.io.keras.ModelContents;
import ai.lepton.layers.InputLayer;
import ai.lepton.layers.Layer;
import ai.lepton.layers.Layers;
import ai.lepton.layers.Variable;
import ai.lepton.layers.Weights;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and saves models as Keras files ({@code .keras}, {@code .h5}, {@code .weights.h5}) through
 * {@link KerasModelFile}: it describes the model's layers in Keras's order as a {@link LayerNode}
 * tree, rebuilds a loaded model through the layer registry, fills its weights and restores its
 * compile settings and optimizer state where Lepton has them. What loading leaves out is logged as
 * a warning and kept on the model ({@link Model#loadWarnings()}).
 */
final class KerasFiles {
    private static final Logger LOG = LoggerFactory.getLogger(KerasFiles.class);

    private KerasFiles() {
    }

    /**
     * @param path a {@code .keras} or {@code .h5} model file
     * @return the model, with its weights, compiled when the file's compile settings can be restored
     */
    static Model load(Path path) {
        KerasModelFile file = KerasModelFile.read(path);
        Model model = rebuild(path, file.model());
        SavedModel.checkDeclaredSize(path, model);
        List<String> notes = new ArrayList<>();
        fill(path, model, file);
        KerasCompile compile = file.compile(model.outputCount());
        if (compile != null) {
            try {
                model.restoreCompile(compile.optimizer(), perOutput(compile.losses(), model.outputCount()),
                        perOutput(compile.metrics(), model.outputCount()), Map.of());
                restoreOptimizer(model, file);
            } catch (IllegalArgumentException e) {
                notes.add("the model is loaded uncompiled, for inference: " + e.getMessage());
            }
        }
        notes.addAll(0, file.notes());
        warn(path, notes);
        model.loadWarnings(notes);
        return model;
    }

    /**
     * Loads weights into a built model: a {@code .weights.h5} file in Keras 3's layout, or a Keras 2
     * {@code save_weights} {@code .h5} file; the optimizer's state too when the file has it and
     * the model is compiled with an optimizer whose layout maps.
     *
     * @param model the model, of the architecture the weights were saved from
     * @param path the file
     */
    static void loadWeights(Model model, Path path) {
        model.requireBuilt("loadWeights");
        KerasModelFile file = KerasModelFile.readWeights(path);
        fill(path, model, file);
        if (model.isCompiled()) {
            restoreOptimizer(model, file);
        }
        warn(path, file.notes());
    }

    /** Checks every weight against the layers' shapes before building, then builds and fills the model. */
    private static void fill(Path path, Model model, KerasModelFile file) {
        if (model.graph() == null) {
            throw new ModelFormatException(path + ": " + model.describe() + " does not declare its input shape, so its weights "
                    + "cannot be placed");
        }
        Map<String, Weights.Spec> specs;
        try {
            specs = model.variableSpecs(model.inputShapes());
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new ModelFormatException(path + ": the layers do not fit together: " + e.getMessage(), e);
        }
        Map<String, NamedArray> arrays = file.weights(tree(model, specs));
        try {
            model.ensureBuilt(model.inputShapes().stream().map(s -> Model.batched(1, s)).toList());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException(path + ": the layers do not fit together: " + e.getMessage(), e);
        }
        Map<String, Variable> variables = model.variablesByPath();
        arrays.forEach((name, a) -> variables.get(name).assign(a.shape(), a.values()));
    }

    private static Model rebuild(Path path, Config description) {
        try {
            Layer layer = Layers.fromConfig(description.getString("class_name"), description.getConfig("config"));
            if (!(layer instanceof Model m)) {
                throw new ModelFormatException(path + ": the file holds a " + layer.getClass().getSimpleName() + " layer, not a model");
            }
            return m;
        } catch (ConfigException | IllegalStateException e) {
            throw new ModelFormatException(path + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(path + ": the layers do not fit together: " + e.getMessage(), e);
        }
    }

    private static void restoreOptimizer(Model model, KerasModelFile file) {
        List<Tensor> weights = model.trainableWeights();
        KerasModelFile.OptimizerState state = file.optimizerState(model.optimizer(), shapes(weights));
        if (state == null) {
            return;
        }
        model.optimizer().build(weights);
        List<Tensor> slots = new ArrayList<>();
        int slotCount = model.optimizer().slotNames().size();
        for (int i = 0; i < state.slots().size(); i++) {
            slots.add(Tensor.of(state.slots().get(i), weights.get(i / slotCount).shape()));
        }
        model.optimizer().setVariables(slots);
        model.optimizer().iterations(state.iterations());
    }

    /**
     * @param model a model
     * @param path a {@code .keras} or {@code .h5} file
     */
    static void save(Model model, Path path) {
        model.requireBuilt("save as a Keras file");
        warn(path, KerasModelFile.write(path, contents(model)));
    }

    /**
     * @param model a built model
     * @param path a {@code .weights.h5} file
     */
    static void saveWeights(Model model, Path path) {
        model.requireBuilt("saveWeights");
        warn(path, KerasModelFile.writeWeights(path, contents(model)));
    }

    private static ModelContents contents(Model model) {
        Map<String, Weights.Spec> specs = model.variableSpecs(model.inputShapes());
        LayerNode tree = tree(model, specs);
        Map<String, Variable> variables = model.variablesByPath();
        Map<String, double[]> values = new LinkedHashMap<>();
        tree.allWeights().forEach(w -> values.put(w.path(), variables.get(w.path()).value().toArray()));
        Config description = Config.of("model").put("class_name", Layers.nameOf(model)).put("config", model.getConfig());
        if (!model.isCompiled()) {
            return new ModelContents(description, tree, values, null, List.of(), null);
        }
        // Keras saves the slots of the weights its optimizer was built for, which a layer frozen after
        // training no longer is among; so does Lepton, and Keras then starts afresh, with a warning.
        List<Tensor> slotted = model.optimizer().weights().isEmpty() ? model.trainableWeights() : model.optimizer().weights();
        List<double[]> slots = model.optimizer().weights().isEmpty() ? null
                : model.optimizer().variables().stream().map(Tensor::toArray).toList();
        KerasCompile compile = new KerasCompile(model.optimizer(), model.losses(), model.metricNamesPerOutput());
        return new ModelContents(description, tree, values, compile, shapes(slotted), slots);
    }

    /**
     * The model's layers in Keras's {@code model.layers} order, each with its weights in Keras's
     * {@code get_weights()} order (trainable, then non-trainable; Lepton's other state, such as
     * Dropout's mask count, is not a Keras weight).
     */
    static LayerNode tree(Model model, Map<String, Weights.Spec> specs) {
        return tree(model, specs, "");
    }

    private static LayerNode tree(Model model, Map<String, Weights.Spec> specs, String prefix) {
        List<LayerNode> layers = new ArrayList<>();
        for (Layer l : model.layers()) {
            String path = prefix + l.name() + "/";
            if (l instanceof Model nested) {
                layers.add(tree(nested, specs, path));
                continue;
            }
            List<LayerNode.Weight> weights = new ArrayList<>();
            for (Variable.Kind kind : List.of(Variable.Kind.TRAINABLE, Variable.Kind.NON_TRAINABLE)) {
                specs.forEach((p, spec) -> {
                    if (p.startsWith(path) && spec.kind() == kind) {
                        weights.add(new LayerNode.Weight(p, spec.shape()));
                    }
                });
            }
            List<int[]> in = l instanceof InputLayer input ? List.of(input.shape()) : l.isBuilt() ? l.builtInputShapes() : List.of();
            List<int[]> out = l instanceof InputLayer input ? List.of(input.shape()) : l.isBuilt() ? l.outputShapes() : List.of();
            layers.add(LayerNode.layer(Layers.nameOf(l), l.name(), in, out, weights));
        }
        List<int[]> outputs = model.graph() == null ? List.of() : model.graph().outputs().stream().map(SymbolicTensor::shape).toList();
        return LayerNode.model(Layers.nameOf(model), model.name(), model.inputShapes(), outputs, layers);
    }

    private static <T> List<T> perOutput(List<T> values, int outputs) {
        // A mutable copy: compile looks for nulls with contains, which immutable lists refuse.
        return new ArrayList<>(values.size() == 1 && outputs > 1 ? Collections.nCopies(outputs, values.get(0)) : values);
    }

    private static List<int[]> shapes(List<Tensor> tensors) {
        return tensors.stream().map(Tensor::shape).toList();
    }

    private static void warn(Path path, List<String> notes) {
        notes.forEach(n -> LOG.warn("{}: {}", path, n));
    }
}
