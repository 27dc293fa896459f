package ai.lepton.io;

import ai.lepton.layers.Layer;
import ai.lepton.losses.Loss;
import ai.lepton.losses.Losses;
import ai.lepton.metrics.Metrics;
import ai.lepton.optimizers.Optimizer;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Sequential model's file, in the terms of its parts: the name, seed, input shape and layers,
 * the compile settings, the weights and the optimizer's slots (layout in
 * {@code docs/model-format.md}). {@code Sequential.save} and {@code Sequential.load} use it; it
 * knows nothing of training.
 *
 * <p>{@link #read} checks everything it can before a layer is given any memory: every type and
 * setting, that the layers fit together from the declared input shape, and that every weight and
 * slot in the file has exactly the shape the layers will make, and that no array is missing or
 * left over. Anything wrong is a {@link ModelFormatException} naming the file and the layer.
 *
 * <pre>{@code
 * ModelFile file = ModelFile.read(Path.of("model.lepton"));
 * System.out.println(file.layers().size() + " layers, compiled: " + (file.optimizer() != null));
 * }</pre>
 */
public final class ModelFile {
    /** The prefix of the optimizer's slot arrays: {@code optimizer/<slot>/<layer>/<weight>}. */
    static final String SLOT_PREFIX = "optimizer/";

    private final String name;
    private final long seed;
    private final int[] inputShape;
    private final List<Layer> layers;
    private final String loss;
    private final List<String> metrics;
    private final Optimizer optimizer;
    private final List<Tensor> weights;
    private final List<Tensor> slots;

    private ModelFile(String name, long seed, int[] inputShape, List<Layer> layers, String loss, List<String> metrics,
            Optimizer optimizer, List<Tensor> weights, List<Tensor> slots) {
        this.name = name;
        this.seed = seed;
        this.inputShape = inputShape;
        this.layers = layers;
        this.loss = loss;
        this.metrics = metrics;
        this.optimizer = optimizer;
        this.weights = weights;
        this.slots = slots;
    }

    /**
     * Writes a model file atomically (see {@link ModelArchive#write}).
     *
     * @param path the file; its folder must exist
     * @param name the model's name
     * @param seed the model's seed
     * @param inputShape the per-example input shape, or {@code null} if not known yet: then only
     *        the architecture, seed and compile settings are written, no weights
     * @param layers the layers, named; built when {@code inputShape} is given (not modified)
     * @param loss the compiled loss, or {@code null} if the model is not compiled
     * @param metrics the compiled metric names
     * @param optimizer the compiled optimizer, or {@code null}; its slots, if it has any, must be
     *        those of the layers' weights, in their order (not modified)
     * @throws IllegalArgumentException if a layer, the loss or the optimizer is not one of Lepton's
     *         own types, which a file can name
     * @throws java.io.UncheckedIOException if writing fails; the previous file is then intact
     */
    public static void write(Path path, String name, long seed, int[] inputShape, List<Layer> layers, Loss loss,
            List<String> metrics, Optimizer optimizer) {
        JsonObject model = new JsonObject();
        model.addProperty("class_name", "Sequential");
        model.addProperty("name", name);
        model.addProperty("seed", seed);
        if (inputShape != null) {
            model.add("input_shape", Json.ints(inputShape));
        }
        JsonArray layerList = new JsonArray();
        for (Layer layer : layers) {
            layerList.add(LayerCodec.encode(layer));
        }
        model.add("layers", layerList);
        JsonObject description = new JsonObject();
        description.add("model", model);
        if (loss != null) {
            if (!Losses.NAMES.contains(loss.name())) {
                throw new IllegalArgumentException("cannot save a model compiled with the loss '" + loss.name()
                        + "': a model file can only name Lepton's losses " + Losses.NAMES);
            }
            JsonObject compile = new JsonObject();
            compile.addProperty("loss", loss.name());
            JsonArray metricList = new JsonArray();
            metrics.forEach(metricList::add);
            compile.add("metrics", metricList);
            compile.add("optimizer", OptimizerCodec.encode(optimizer));
            description.add("compile", compile);
        }
        List<NamedArray> arrays = new ArrayList<>();
        if (inputShape != null) {
            List<String> weightNames = new ArrayList<>();
            for (Layer layer : layers) {
                List<Tensor> values = layer.getWeights();
                for (int i = 0; i < values.size(); i++) {
                    String weightName = layer.name() + "/" + layer.weightNames().get(i);
                    weightNames.add(weightName);
                    arrays.add(new NamedArray(weightName, values.get(i).shape(), values.get(i).toArray()));
                }
            }
            if (optimizer != null) {
                arrays.addAll(slotArrays(optimizer, weightNames));
            }
        }
        ModelArchive.write(path, description, arrays);
    }

    /** The optimizer's slots as arrays, or none if it has not been built yet. */
    private static List<NamedArray> slotArrays(Optimizer optimizer, List<String> weightNames) {
        List<Tensor> variables = optimizer.variables();
        List<String> slotNames = optimizer.slotNames();
        if (variables.isEmpty()) {
            return List.of();
        }
        if (variables.size() != weightNames.size() * slotNames.size()) {
            throw new IllegalStateException("cannot save the optimizer's state: it keeps " + variables.size()
                    + " slots, but the model's " + weightNames.size() + " weights need " + slotNames + " each");
        }
        List<NamedArray> arrays = new ArrayList<>();
        int at = 0;
        for (String weightName : weightNames) {
            for (String slot : slotNames) {
                Tensor v = variables.get(at++);
                arrays.add(new NamedArray(SLOT_PREFIX + slot + "/" + weightName, v.shape(), v.toArray()));
            }
        }
        return arrays;
    }

    /**
     * Reads and checks a model file.
     *
     * @param path the file
     * @return its parts: new, unbuilt layers and, when the file holds weights, shape-checked values
     * @throws ModelFormatException if the file is not a valid model file this Lepton can read
     * @throws java.io.UncheckedIOException if the file cannot be read at all (e.g. it does not exist)
     */
    public static ModelFile read(Path path) {
        ModelArchive archive = ModelArchive.read(path);
        Json json = new Json(path + " " + ModelArchive.DESCRIPTION_ENTRY);
        JsonObject description = archive.description();
        JsonObject model = json.object(description, "model");
        String type = json.string(model, "class_name");
        if (!type.equals("Sequential")) {
            throw new ModelFormatException(json.source() + ": the model is a '" + type + "'; this Lepton loads Sequential models");
        }
        String name = json.string(model, "name");
        if (name.isBlank()) {
            throw new ModelFormatException(json.source() + ": the model's name is blank");
        }
        long seed = json.longInteger(model, "seed");
        int[] inputShape = model.has("input_shape") ? json.shape(model, "input_shape") : null;
        List<Layer> layers = layers(json, json.array(model, "layers"));

        String loss = null;
        List<String> metrics = List.of();
        Optimizer optimizer = null;
        if (description.has("compile")) {
            JsonObject compile = json.object(description, "compile");
            loss = json.string(compile, "loss");
            if (!Losses.NAMES.contains(loss)) {
                throw new ModelFormatException(json.source() + ": unknown loss '" + loss + "'; this Lepton knows " + Losses.NAMES);
            }
            metrics = metrics(json, json.array(compile, "metrics"));
            optimizer = OptimizerCodec.decode(json.object(compile, "optimizer"), json);
        }

        Map<String, NamedArray> arrays = new LinkedHashMap<>();
        archive.arrays().forEach(a -> arrays.put(a.name(), a));
        List<Tensor> weights = new ArrayList<>();
        List<Tensor> slots = new ArrayList<>();
        if (inputShape != null) {
            List<String> weightNames = new ArrayList<>();
            List<int[]> weightShapes = new ArrayList<>();
            expectWeights(json, inputShape, layers, weightNames, weightShapes);
            for (int i = 0; i < weightNames.size(); i++) {
                weights.add(take(json, arrays, weightNames.get(i), weightShapes.get(i), "weight"));
            }
            if (optimizer != null) {
                slots = slots(json, arrays, optimizer, weightNames, weightShapes);
            }
        }
        if (!arrays.isEmpty()) {
            throw new ModelFormatException(json.source() + ": arrays " + arrays.keySet() + " belong to no weight of the model"
                    + (inputShape == null ? " (it declares no input shape, so it has no weights)" : ""));
        }
        return new ModelFile(name, seed, inputShape, layers, loss, metrics, optimizer, weights, slots);
    }

    private static List<Layer> layers(Json json, JsonArray descriptions) {
        List<Layer> layers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonElement element : descriptions) {
            Layer layer = LayerCodec.decode(json.object(element, "layers[]"), json);
            if (layer.name() == null || !names.add(layer.name())) {
                throw new ModelFormatException(json.source() + ": every layer needs a name of its own; "
                        + layer.describe() + " has " + (layer.name() == null ? "none" : "the name of another"));
            }
            layers.add(layer);
        }
        return layers;
    }

    private static List<String> metrics(Json json, JsonArray list) {
        List<String> metrics = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonElement e = list.get(i);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || !Metrics.NAMES.contains(e.getAsString())) {
                throw new ModelFormatException(json.source() + ": metrics[" + i + "] is " + e + ", not one of " + Metrics.NAMES);
            }
            metrics.add(e.getAsString());
        }
        return metrics;
    }

    /** Follows the shapes through the layers, collecting the name and shape of every weight they will make. */
    private static void expectWeights(Json json, int[] inputShape, List<Layer> layers, List<String> names, List<int[]> shapes) {
        for (int d : inputShape) {
            if (d < 1) {
                throw new ModelFormatException(json.source() + ": input_shape " + Shapes.format(inputShape)
                        + " must have positive dimensions");
            }
        }
        if (layers.isEmpty()) {
            throw new ModelFormatException(json.source() + ": the model declares an input shape but has no layers");
        }
        int[] declared = layers.get(0).declaredInputShape();
        if (declared != null && !Shapes.equal(declared, inputShape)) {
            throw new ModelFormatException(json.source() + ": the model's input_shape " + Shapes.format(inputShape)
                    + " differs from the input_shape " + Shapes.format(declared) + " of " + layers.get(0).describe());
        }
        int[] shape = inputShape;
        for (Layer layer : layers) {
            try {
                int[] out = layer.computeOutputShape(shape.clone());
                for (Map.Entry<String, int[]> w : LayerCodec.weightShapes(layer, shape).entrySet()) {
                    names.add(layer.name() + "/" + w.getKey());
                    shapes.add(w.getValue());
                }
                shape = out;
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new ModelFormatException(json.source() + ": " + layer.describe() + " cannot take input shape "
                        + Shapes.formatBatched(shape) + ": " + e.getMessage(), e);
            }
        }
    }

    private static List<Tensor> slots(Json json, Map<String, NamedArray> arrays, Optimizer optimizer,
            List<String> weightNames, List<int[]> weightShapes) {
        List<String> slotNames = optimizer.slotNames();
        boolean any = false;
        for (String weightName : weightNames) {
            for (String slot : slotNames) {
                any |= arrays.containsKey(SLOT_PREFIX + slot + "/" + weightName);
            }
        }
        if (!any) {
            if (optimizer.iterations() > 0 && !slotNames.isEmpty() && !weightNames.isEmpty()) {
                throw new ModelFormatException(json.source() + ": the optimizer has taken " + optimizer.iterations()
                        + " steps but its " + slotNames + " slots are missing");
            }
            return List.of();
        }
        List<Tensor> slots = new ArrayList<>();
        for (int i = 0; i < weightNames.size(); i++) {
            for (String slot : slotNames) {
                slots.add(take(json, arrays, SLOT_PREFIX + slot + "/" + weightNames.get(i), weightShapes.get(i),
                        "optimizer slot"));
            }
        }
        return slots;
    }

    /** Removes a named array from {@code arrays}, checking its shape. */
    private static Tensor take(Json json, Map<String, NamedArray> arrays, String arrayName, int[] shape, String what) {
        NamedArray a = arrays.remove(arrayName);
        if (a == null) {
            throw new ModelFormatException(json.source() + ": the " + what + " '" + arrayName + "' of shape "
                    + Shapes.format(shape) + " is missing");
        }
        if (!Shapes.equal(a.shape(), shape)) {
            throw new ModelFormatException(json.source() + ": the " + what + " '" + arrayName + "' has shape "
                    + Shapes.format(a.shape()) + " in the file, but the layer makes it " + Shapes.format(shape));
        }
        return Tensor.of(a.values(), shape);
    }

    /** @return the model's name */
    public String name() {
        return name;
    }

    /** @return the model's seed */
    public long seed() {
        return seed;
    }

    /** @return the per-example input shape, or {@code null} if the file holds the architecture only */
    public int[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** @return new, unbuilt layers with the saved settings and names (Dropout with its mask count) */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** @return the compiled loss's name, or {@code null} if the model was not compiled */
    public String loss() {
        return loss;
    }

    /** @return the compiled metric names */
    public List<String> metrics() {
        return Collections.unmodifiableList(metrics);
    }

    /** @return a new optimizer with the saved settings and iteration count, or {@code null} if not compiled */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** @return every weight, layer by layer in order, shape-checked; empty without an input shape */
    public List<Tensor> weights() {
        return Collections.unmodifiableList(weights);
    }

    /**
     * @return the optimizer's slots in {@link Optimizer#variables()}'s order for the weights in
     *         their order, shape-checked; empty if the optimizer had none yet
     */
    public List<Tensor> optimizerSlots() {
        return Collections.unmodifiableList(slots);
    }
}
