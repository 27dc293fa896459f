package ai.lepton.models;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.io.LoadLimits;
import ai.lepton.io.ModelFile;
import ai.lepton.io.ModelFormatException;
import ai.lepton.io.NamedArray;
import ai.lepton.io.OptimizerCodec;
import ai.lepton.layers.Layer;
import ai.lepton.layers.Layers;
import ai.lepton.layers.Variable;
import ai.lepton.layers.Weights;
import ai.lepton.losses.Loss;
import ai.lepton.losses.Losses;
import ai.lepton.metrics.Metric;
import ai.lepton.metrics.Metrics;
import ai.lepton.optimizers.Optimizer;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves a model as "config + variables" and loads it back: the model's config through the layer
 * registry, every variable by its path, the compile settings and the optimizer's slots. The file
 * format itself is {@link ModelFile}'s; this class knows which parts of a model go where.
 */
final class SavedModel {
    private SavedModel() {
    }

    /**
     * Which format a model file's name chooses.
     *
     * @param path a model file
     * @param operation {@code save} or {@code load}, for the message
     * @return true for a Keras model file ({@code .keras}, {@code .h5}), false for Lepton's own ({@code .lepton})
     * @throws IllegalArgumentException when saving under any other name, listing the supported ones
     * @throws ModelFormatException when loading from any other name: such a file is no model file Lepton reads
     */
    static boolean isKeras(Path path, String operation) {
        Path file = path.getFileName();
        String name = file == null ? "" : file.toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".lepton")) {
            return false;
        }
        if (name.endsWith(".keras") || (name.endsWith(".h5") && !name.endsWith(".weights.h5"))) {
            return true;
        }
        String message = name.endsWith(".weights.h5")
                ? operation + ": " + path + " is a weights file; use " + operation + "Weights for .weights.h5 files, or name "
                        + "a model file .lepton, .keras or .h5"
                : operation + ": cannot tell the format of " + path + "; a model file's name must end in .lepton (Lepton's "
                        + "own), .keras (Keras 3) or .h5 (Keras's HDF5 model file)";
        throw operation.equals("load") ? new ModelFormatException(message) : new IllegalArgumentException(message);
    }

    /**
     * @param model the model, built if its input shape is known
     * @param path where to write
     */
    static void save(Model model, Path path) {
        Config description = Config.of("model").put("class_name", Layers.nameOf(model)).put("config", model.getConfig());
        if (!model.classNames().isEmpty()) {
            description.put("class_names", model.classNames());
        }
        List<NamedArray> arrays = new ArrayList<>();
        Map<String, Variable> variables = model.isBuilt() ? model.variablesByPath() : Map.of();
        variables.forEach((name, v) -> arrays.add(new NamedArray(name, v.shape(), v.value().toArray())));
        Config compile = null;
        if (model.isCompiled()) {
            List<Object> losses = new ArrayList<>();
            for (Loss loss : model.losses()) {
                String className;
                try {
                    className = Losses.nameOf(loss);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("cannot save a model compiled with the loss '" + loss.name() + "' ("
                            + loss.getClass().getName() + "): register its class with Losses.register so that a file can "
                            + "name it", e);
                }
                losses.add(Config.of("loss").put("class_name", className).put("config", loss.getConfig()));
            }
            List<Object> metrics = new ArrayList<>();
            for (List<String> names : model.metricNamesPerOutput()) {
                List<Object> entries = new ArrayList<>();
                for (String name : names) {
                    Metric object = model.metricObject(name);
                    entries.add(object == null ? name
                            : Config.of("metric").put("class_name", Metrics.nameOf(object)).put("config", object.getConfig()));
                }
                metrics.add(entries);
            }
            compile = Config.of("compile").put("optimizer", OptimizerCodec.encode(model.optimizer())).put("loss", losses)
                    .put("metrics", metrics);
            if (model.isBuilt()) {
                for (NamedArray slot : slots(model.optimizer(), variables)) {
                    if (variables.containsKey(slot.name())) {
                        throw new IllegalArgumentException("cannot save " + model.describe() + " to " + path + ": the variable '"
                                + slot.name() + "' has the name of an optimizer slot ('" + ModelFile.SLOT_PREFIX + "<slot>/<weight>'), "
                                + "so the file could not be loaded back; rename the layer '" + slot.name().split("/")[0] + "'");
                    }
                    arrays.add(slot);
                }
            }
        }
        ModelFile.write(path, description, compile, arrays);
    }

    /** The optimizer's slots as arrays named by their weight's path, or none before its first step. */
    private static List<NamedArray> slots(Optimizer optimizer, Map<String, Variable> variables) {
        List<Tensor> values = optimizer.variables();
        if (values.isEmpty()) {
            return List.of();
        }
        List<String> paths = trainablePaths(optimizer, variables);
        List<String> slotNames = optimizer.slotNames();
        if (values.size() != paths.size() * slotNames.size()) {
            throw new IllegalStateException("cannot save the optimizer's state: it keeps " + values.size()
                    + " slots, but the model's " + paths.size() + " trainable weights need " + slotNames + " each");
        }
        List<NamedArray> arrays = new ArrayList<>();
        int at = 0;
        for (String path : paths) {
            for (String slot : slotNames) {
                Tensor v = values.get(at++);
                arrays.add(new NamedArray(ModelFile.SLOT_PREFIX + slot + "/" + path, v.shape(), v.toArray()));
            }
        }
        return arrays;
    }

    /** The paths of the weights the optimizer keeps slots for, in its order. */
    private static List<String> trainablePaths(Optimizer optimizer, Map<String, Variable> variables) {
        Map<Tensor, String> pathOf = new IdentityHashMap<>();
        variables.forEach((path, v) -> pathOf.put(v.value(), path));
        List<String> paths = new ArrayList<>();
        for (Tensor w : optimizer.weights()) {
            String path = pathOf.get(w);
            if (path == null) {
                throw new IllegalStateException("cannot save the optimizer's state: it keeps slots for a weight that is not "
                        + "the model's");
            }
            paths.add(path);
        }
        return paths;
    }

    /**
     * @param path a model file
     * @return the model it holds, built when the file has its weights, compiled when it was
     * @throws ModelFormatException naming the file and the problem
     */
    static Model load(Path path) {
        ModelFile file = ModelFile.read(path);
        Map<String, NamedArray> arrays = new LinkedHashMap<>(file.arrays());
        Model model;
        try {
            Layer layer = Layers.fromConfig(file.model().getString("class_name"), file.model().getConfig("config"));
            if (!(layer instanceof Model m)) {
                throw new ModelFormatException(path + ": the file holds a " + layer.getClass().getSimpleName()
                        + " layer, not a model");
            }
            model = m;
            if (file.model().has("class_names")) {
                model.classNames(file.model().getStrings("class_names"));
            }
        } catch (ConfigException | IllegalStateException e) {
            throw new ModelFormatException(path + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(path + ": the layers do not fit together: " + e.getMessage(), e);
        }
        checkDeclaredSize(path, model);
        if (model.graph() != null) {
            restoreVariables(path, model, arrays);
        }
        if (file.compile() != null) {
            restoreCompile(path, model, file.compile(), arrays);
        }
        for (String name : arrays.keySet()) {
            if (!name.startsWith(ModelFile.SLOT_PREFIX)) {
                throw new ModelFormatException(path + ": arrays " + arrays.keySet() + " belong to no variable of the model"
                        + (model.graph() == null ? " (it declares no input shape, so it has no weights)" : ""));
            }
        }
        if (!arrays.isEmpty()) {
            throw new ModelFormatException(path + ": optimizer slots " + arrays.keySet() + " belong to no trainable weight");
        }
        return model;
    }

    /**
     * Refuses a model whose layers would make more variables than a load may allocate, also when
     * the file holds no weights and its input shape is unknown (then from the smallest input the
     * layers accept), so that such a file fails here and not at its first prediction.
     */
    static void checkDeclaredSize(Path path, Model model) {
        long bytes = 0;
        String largest = "";
        if (model.graph() != null) {
            Map<String, Weights.Spec> specs;
            try {
                specs = model.variableSpecs(model.inputShapes());
            } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
                throw new ModelFormatException(path + ": the layers do not fit together: " + e.getMessage(), e);
            }
            bytes = bytesOf(specs.values());
            long most = -1;
            for (Map.Entry<String, Weights.Spec> e : specs.entrySet()) {
                long b = bytesOf(List.of(e.getValue()));
                if (b > most) {
                    most = b;
                    largest = " (its largest variable is '" + e.getKey() + "' of shape " + Shapes.format(e.getValue().shape()) + ")";
                }
            }
        } else if (model instanceof Sequential s) {
            bytes = s.minimumVariableBytes();
            largest = " (for the smallest input its layers accept)";
        }
        LoadLimits.checkBytes(path, "the model" + largest, bytes);
    }

    /**
     * @param specs variables to be made
     * @return the bytes their values take, or {@link Long#MAX_VALUE} if that overflows
     */
    static long bytesOf(Iterable<Weights.Spec> specs) {
        long bytes = 0;
        try {
            for (Weights.Spec spec : specs) {
                long n = Double.BYTES;
                for (int d : spec.shape()) {
                    n = Math.multiplyExact(n, d);
                }
                bytes = Math.addExact(bytes, n);
            }
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
        return bytes;
    }

    /** Checks every variable's array against the shape the layers will make, then builds and fills them. */
    private static void restoreVariables(Path path, Model model, Map<String, NamedArray> arrays) {
        Map<String, Weights.Spec> specs;
        try {
            specs = model.variableSpecs(model.inputShapes());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ModelFormatException(path + ": the layers do not fit together: " + e.getMessage(), e);
        }
        Map<String, NamedArray> values = new LinkedHashMap<>();
        for (Map.Entry<String, Weights.Spec> e : specs.entrySet()) {
            values.put(e.getKey(), take(path, arrays, e.getKey(), e.getValue().shape(), "variable"));
        }
        try {
            model.ensureBuilt(model.inputShapes().stream().map(s -> Model.batched(1, s)).toList());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException(path + ": the layers do not fit together: " + e.getMessage(), e);
        }
        Map<String, Variable> variables = model.variablesByPath();
        values.forEach((name, a) -> variables.get(name).assign(a.shape(), a.values()));
    }

    private static void restoreCompile(Path path, Model model, Config compile, Map<String, NamedArray> arrays) {
        Optimizer optimizer;
        List<Loss> losses = new ArrayList<>();
        List<List<String>> metrics = new ArrayList<>();
        try {
            optimizer = OptimizerCodec.decode(compile.getConfig("optimizer"));
            for (Object loss : (List<?>) listOf(compile, "loss")) {
                if (loss instanceof String name) {
                    losses.add(Losses.get(name));
                } else if (loss instanceof Config c) {
                    losses.add(Losses.fromConfig(c.getString("class_name"), c.getConfig("config")));
                } else {
                    throw new ConfigException("a loss must be a name or {class_name, config}. Received: " + loss);
                }
            }
            Map<String, Metric> objects = new LinkedHashMap<>();
            for (Object entries : listOf(compile, "metrics")) {
                if (!(entries instanceof List<?> list)) {
                    throw new ConfigException("compile: each output's metrics must be a list. Received: " + entries);
                }
                List<String> names = new ArrayList<>();
                for (Object entry : list) {
                    if (entry instanceof String name) {
                        names.add(name);
                    } else if (entry instanceof Config c) {
                        Metric m = Metrics.fromConfig(c.getString("class_name"), c.getConfig("config"));
                        objects.put(m.name(), m);
                        names.add(m.name());
                    } else {
                        throw new ConfigException("compile: a metric must be a name or {class_name, config}. Received: " + entry);
                    }
                }
                metrics.add(names);
            }
            model.restoreCompile(optimizer, losses, metrics, objects);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new ModelFormatException(path + ": invalid compile settings: " + e.getMessage(), e);
        }
        if (model.graph() == null) {
            return;
        }
        List<Tensor> weights = model.trainableWeights();
        optimizer.build(weights);
        Map<Tensor, String> pathOf = new IdentityHashMap<>();
        model.variablesByPath().forEach((name, v) -> pathOf.put(v.value(), name));
        List<String> slotNames = optimizer.slotNames();
        boolean any = false;
        for (Tensor w : weights) {
            for (String slot : slotNames) {
                any |= arrays.containsKey(ModelFile.SLOT_PREFIX + slot + "/" + pathOf.get(w));
            }
        }
        if (!any) {
            if (optimizer.iterations() > 0 && !slotNames.isEmpty() && !weights.isEmpty()) {
                throw new ModelFormatException(path + ": the optimizer has taken " + optimizer.iterations()
                        + " steps but its " + slotNames + " slots are missing");
            }
            return;
        }
        List<Tensor> slots = new ArrayList<>();
        for (Tensor w : weights) {
            for (String slot : slotNames) {
                NamedArray a = take(path, arrays, ModelFile.SLOT_PREFIX + slot + "/" + pathOf.get(w), w.shape(), "optimizer slot");
                slots.add(Tensor.of(a.values(), a.shape()));
            }
        }
        optimizer.setVariables(slots);
    }

    private static List<?> listOf(Config config, String key) {
        Object value = config.get(key);
        if (!(value instanceof List<?> list)) {
            throw new ConfigException("compile: '" + key + "' must be a list. Received: " + value);
        }
        return list;
    }

    /** Removes a named array from {@code arrays}, checking its shape. */
    private static NamedArray take(Path path, Map<String, NamedArray> arrays, String name, int[] shape, String what) {
        NamedArray a = arrays.remove(name);
        if (a == null) {
            throw new ModelFormatException(path + ": the " + what + " '" + name + "' of shape " + Shapes.format(shape)
                    + " is missing");
        }
        if (!Shapes.equal(a.shape(), shape)) {
            throw new ModelFormatException(path + ": the " + what + " '" + name + "' has shape " + Shapes.format(a.shape())
                    + " in the file, but the layer makes it " + Shapes.format(shape));
        }
        return a;
    }
}
