package ai.lepton.io.keras;

import ai.lepton.config.Config;
import ai.lepton.io.ConfigJson;
import ai.lepton.io.Json;
import ai.lepton.io.ModelFormatException;
import ai.lepton.layers.Initializers;
import ai.lepton.layers.Layers;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates a model's architecture from Keras's JSON (Keras 3's {@code config.json}, or the
 * {@code model_config} of a Keras 2 or 3 {@code .h5} file) into Lepton's model config, the one
 * {@code Layers.fromConfig} rebuilds: {@code {"class_name": "Sequential" | "Functional", "config": {...}}}.
 *
 * <p>Lepton's layer configs already use Keras's keys and forms, so a layer's settings pass through
 * unchanged except for what Keras adds around them: {@code module} and {@code registered_name},
 * dtype policies (Lepton computes in float64), initializer objects (Lepton names them), the
 * Sequential's first {@code InputLayer}, Keras 2's {@code batch_input_shape}, and Keras 3's and
 * Keras 2's forms of {@code inbound_nodes}. Each layer is then tried through its registered
 * factory: a setting the Lepton layer does not read is dropped when its value means "off" (a
 * {@code null} regularizer, {@code dilation_rate} 1, {@code channels_last}) or only matters for
 * training (an initializer or regularizer Lepton lacks, which is then named in a note); any other
 * is an error naming the layer. {@code channels_first}, a layer class Lepton lacks and a custom
 * class no one registered are errors naming the layer and, for a missing class, the issue that
 * brings it.
 */
final class ConfigFromKeras {
    /** Keras's nesting of models is far shallower; this keeps a hostile file from exhausting the stack. */
    private static final int MAX_DEPTH = 48;

    private final String source;
    private final Json json;
    private final List<String> notes;

    /**
     * @param source what the JSON is, for messages (e.g. {@code model.keras config.json})
     * @param notes where notes about skipped content are added
     */
    ConfigFromKeras(String source, List<String> notes) {
        this.source = source;
        this.json = new Json(source);
        this.notes = notes;
    }

    /**
     * @param entry a serialized model: {@code {"class_name", "config", ...}}
     * @return Lepton's model config
     * @throws ModelFormatException if the model cannot be loaded, naming the layer and why
     */
    Config model(JsonObject entry) {
        String cls = className(entry);
        if (!cls.equals("Sequential") && !cls.equals("Functional")) {
            layerClassMustExist(cls, json.optionalString(json.object(entry, "config"), "name"));
        }
        return ConfigJson.fromJson(entry(entry, 0), "model");
    }

    /** The class a serialized object names: a custom object's registered name, else its class name. */
    String className(JsonObject entry) {
        String cls = json.string(entry, "class_name");
        JsonElement registered = entry.get("registered_name");
        if (registered != null && registered.isJsonPrimitive() && registered.getAsJsonPrimitive().isString()
                && !registered.getAsString().equals(cls)) {
            return registered.getAsString();
        }
        // Keras 2 called a functional model's class "Model".
        return cls.equals("Model") ? "Functional" : cls;
    }

    /** Any serialized layer or model, as Lepton's {@code {"class_name", "config"}}. */
    private JsonObject entry(JsonObject entry, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ModelFormatException(source + ": models nest more than " + MAX_DEPTH + " levels deep");
        }
        String cls = className(entry);
        JsonObject config = json.object(entry, "config");
        JsonObject out = new JsonObject();
        out.addProperty("class_name", cls);
        switch (cls) {
            case "Sequential":
                out.add("config", sequential(config, entry, depth));
                break;
            case "Functional":
                out.add("config", functional(config, depth));
                break;
            default:
                out.add("config", layer(cls, config, depth));
        }
        return out;
    }

    private JsonObject sequential(JsonObject config, JsonObject entry, int depth) {
        JsonObject out = new JsonObject();
        copyIfPresent(config, out, "name");
        copyIfPresent(config, out, "trainable");
        List<JsonObject> entries = new ArrayList<>();
        for (JsonElement e : json.array(config, "layers")) {
            entries.add(json.object(e, "layers[]").deepCopy());
        }
        JsonElement batchShape = config.get("build_input_shape");
        if (batchShape == null && entry.get("build_config") instanceof JsonObject build) {
            batchShape = build.get("input_shape");
        }
        if (!entries.isEmpty() && "InputLayer".equals(className(entries.get(0)))) {
            JsonObject input = json.object(entries.remove(0), "config");
            batchShape = input.has("batch_shape") ? input.get("batch_shape") : input.get("batch_input_shape");
        } else if (!entries.isEmpty() && entries.get(0).get("config") instanceof JsonObject first
                && first.has("batch_input_shape")) {
            batchShape = first.remove("batch_input_shape");
        }
        JsonArray layers = new JsonArray();
        for (JsonObject e : entries) {
            if (e.get("config") instanceof JsonObject c) {
                c.remove("batch_input_shape");
            }
            layers.add(entry(e, depth + 1));
        }
        out.add("layers", layers);
        if (batchShape != null && !batchShape.isJsonNull()) {
            out.add("build_input_shape", batchShape(batchShape, json.optionalString(config, "name")));
        }
        return out;
    }

    private JsonObject functional(JsonObject config, int depth) {
        JsonObject out = new JsonObject();
        copyIfPresent(config, out, "name");
        copyIfPresent(config, out, "trainable");
        JsonArray layers = new JsonArray();
        for (JsonElement e : json.array(config, "layers")) {
            JsonObject layerEntry = json.object(e, "layers[]");
            JsonObject translated = entry(layerEntry, depth + 1);
            String name = layerEntry.has("name") ? json.string(layerEntry, "name")
                    : json.string(json.object(translated, "config"), "name");
            translated.addProperty("name", name);
            JsonArray nodes = new JsonArray();
            JsonElement inbound = layerEntry.get("inbound_nodes");
            if (inbound != null && !inbound.isJsonNull()) {
                for (JsonElement node : json.array(layerEntry, "inbound_nodes")) {
                    moveCallSettings(node, json.object(translated, "config"));
                    nodes.add(node(node, name));
                }
            }
            translated.add("inbound_nodes", nodes);
            layers.add(translated);
        }
        out.add("layers", layers);
        out.add("input_layers", references(config.get("input_layers"), "input_layers"));
        out.add("output_layers", references(config.get("output_layers"), "output_layers"));
        return out;
    }

    /**
     * MultiHeadAttention's call arguments {@code use_causal_mask} and {@code return_attention_scores}
     * are settings of Lepton's layer: a Keras 3 call that sets them sets them in the layer's config.
     */
    private static void moveCallSettings(JsonElement node, JsonObject layerConfig) {
        if (node.isJsonObject() && node.getAsJsonObject().get("kwargs") instanceof JsonObject kwargs) {
            for (String key : KerasLayers.CALL_SETTINGS) {
                JsonElement value = kwargs.get(key);
                if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean() && value.getAsBoolean()) {
                    layerConfig.addProperty(key, true);
                    kwargs.remove(key);
                }
            }
        }
    }

    /** One call of a layer, as Lepton's list of {@code [layer, node, tensor]} references. */
    private JsonArray node(JsonElement node, String layerName) {
        JsonArray refs = new JsonArray();
        if (node.isJsonObject()) {
            // Keras 3: {"args": [...], "kwargs": {...}}, tensors as {"class_name": "__keras_tensor__", ...}.
            JsonObject call = node.getAsJsonObject();
            for (JsonElement arg : json.array(call, "args")) {
                collectTensors(arg, refs, layerName, 0);
            }
            if (call.get("kwargs") instanceof JsonObject kwargs) {
                for (Map.Entry<String, JsonElement> kw : kwargs.entrySet()) {
                    JsonArray inKwarg = new JsonArray();
                    collectTensors(kw.getValue(), inKwarg, layerName, 0);
                    if (!inKwarg.isEmpty()) {
                        throw new ModelFormatException(source + ": layer '" + layerName + "' is called with the tensor argument '"
                                + kw.getKey() + "', which Lepton's graphs cannot pass on");
                    }
                    if (!KerasLayers.isNeutral(kw.getKey(), kw.getValue()) && !isFalse(kw.getValue())) {
                        notes.add("layer '" + layerName + "': the call argument " + kw.getKey() + "=" + kw.getValue()
                                + " is ignored");
                    }
                }
            }
            return refs;
        }
        // Keras 2: [[layer, node, tensor, {kwargs}], ...].
        for (JsonElement ref : array(node, "inbound_nodes[]")) {
            JsonArray r = array(ref, "inbound_nodes[][]");
            if (r.size() < 3) {
                throw new ModelFormatException(source + ": layer '" + layerName + "': an inbound node must be [layer, node, "
                        + "tensor, kwargs]. Received: " + abbreviate(r));
            }
            if (r.size() > 3 && r.get(3).isJsonObject() && !r.get(3).getAsJsonObject().isEmpty()) {
                notes.add("layer '" + layerName + "': the call arguments " + abbreviate(r.get(3)) + " are ignored");
            }
            refs.add(triple(r, layerName));
        }
        return refs;
    }

    private void collectTensors(JsonElement arg, JsonArray refs, String layerName, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ModelFormatException(source + ": the call of layer '" + layerName + "' nests too deeply");
        }
        if (arg.isJsonArray()) {
            for (JsonElement e : arg.getAsJsonArray()) {
                collectTensors(e, refs, layerName, depth + 1);
            }
        } else if (arg.isJsonObject() && "__keras_tensor__".equals(json.optionalString(arg.getAsJsonObject(), "class_name"))) {
            JsonObject config = json.object(arg.getAsJsonObject(), "config");
            refs.add(triple(json.array(config, "keras_history"), layerName));
        } else if (!arg.isJsonNull()) {
            throw new ModelFormatException(source + ": layer '" + layerName + "' is called with the argument "
                    + abbreviate(arg) + ", which is not a tensor; Lepton's graphs pass tensors only");
        }
    }

    private JsonArray triple(JsonArray ref, String layerName) {
        if (ref.size() < 3 || !ref.get(0).isJsonPrimitive() || !ref.get(0).getAsJsonPrimitive().isString()) {
            throw new ModelFormatException(source + ": layer '" + layerName + "': a tensor reference must be [layer, node, "
                    + "tensor]. Received: " + abbreviate(ref));
        }
        JsonArray out = new JsonArray();
        out.add(ref.get(0));
        out.add(json.integer(ref.get(1), "node index"));
        out.add(json.integer(ref.get(2), "tensor index"));
        return out;
    }

    /** A model's {@code input_layers} or {@code output_layers}: a list of references, one bare reference, or a dict of them. */
    private JsonArray references(JsonElement value, String key) {
        JsonArray out = new JsonArray();
        if (value != null && value.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
                out.add(triple(array(e.getValue(), key), key));
            }
            return out;
        }
        JsonArray list = array(value, key);
        if (!list.isEmpty() && list.get(0).isJsonPrimitive()) {
            out.add(triple(list, key));
            return out;
        }
        for (JsonElement ref : list) {
            out.add(triple(array(ref, key), key));
        }
        return out;
    }

    /** A layer that is not a model: its config translated and settled against the Lepton layer. */
    private JsonObject layer(String cls, JsonObject config, int depth) {
        String name = json.optionalString(config, "name");
        layerClassMustExist(cls, name);
        JsonObject out = new JsonObject();
        for (Map.Entry<String, JsonElement> e : config.entrySet()) {
            String key = e.getKey();
            JsonElement value = e.getValue();
            if (key.equals("dtype")) {
                checkDtype(value, cls, name);
                continue;
            }
            if (key.equals("data_format") && value.isJsonPrimitive() && "channels_first".equals(value.getAsString())) {
                throw new ModelFormatException(source + ": layer '" + name + "' (" + cls + ") uses data_format='channels_first'; "
                        + "Lepton is channels-last only (batch, height, width, channels). Re-save the model with channels_last "
                        + "layers to load it");
            }
            out.add(key, value(key, value, depth + 1));
        }
        if (cls.equals("InputLayer")) {
            inputLayer(out, name);
        }
        return settle(cls, name, out);
    }

    private void inputLayer(JsonObject config, String name) {
        JsonElement shape = config.has("batch_shape") ? config.remove("batch_shape") : config.remove("batch_input_shape");
        if (shape == null) {
            throw new ModelFormatException(source + ": input layer '" + name + "' has no batch_shape");
        }
        config.add("batch_shape", batchShape(shape, name));
        config.remove("input_tensor");
    }

    /** A batch shape with the batch as {@code null}; every other dimension must be a fixed size. */
    private JsonArray batchShape(JsonElement shape, String owner) {
        JsonArray dims = array(shape, "batch_shape");
        JsonArray out = new JsonArray();
        out.add(JsonNull.INSTANCE);
        for (int i = 1; i < dims.size(); i++) {
            if (dims.get(i).isJsonNull()) {
                throw new ModelFormatException(source + ": '" + owner + "' takes inputs of shape " + dims
                        + " with a variable dimension; Lepton needs every dimension but the batch fixed");
            }
            out.add(json.integer(dims.get(i), "batch_shape[" + i + "]"));
        }
        if (dims.isEmpty()) {
            throw new ModelFormatException(source + ": '" + owner + "' has an empty batch shape");
        }
        if (!dims.get(0).isJsonNull()) {
            notes.add("'" + owner + "': the fixed batch size " + dims.get(0) + " is ignored; Lepton takes batches of any size");
        }
        return out;
    }

    /** A setting's value, with Keras's object wrappers removed and initializers named as Lepton names them. */
    private JsonElement value(String key, JsonElement value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ModelFormatException(source + ": a layer setting nests more than " + MAX_DEPTH + " levels deep");
        }
        if (value.isJsonArray()) {
            JsonArray out = new JsonArray();
            value.getAsJsonArray().forEach(v -> out.add(value(key, v, depth + 1)));
            return out;
        }
        if (!value.isJsonObject()) {
            return value;
        }
        JsonObject o = value.getAsJsonObject();
        if (!o.has("class_name") || !o.has("config")) {
            JsonObject out = new JsonObject();
            o.entrySet().forEach(e -> out.add(e.getKey(), value(e.getKey(), e.getValue(), depth + 1)));
            return out;
        }
        String cls = json.string(o, "class_name");
        JsonElement config = o.get("config");
        if (cls.equals("__tensor__") && config.isJsonObject()) {
            JsonElement v = config.getAsJsonObject().get("value");
            return v != null && v.isJsonArray() && v.getAsJsonArray().size() == 1 ? v.getAsJsonArray().get(0) : v;
        }
        if (key.endsWith("_initializer") && config.isJsonObject() && allNull(config.getAsJsonObject())) {
            return new JsonPrimitive(KerasLayers.snakeCase(cls));
        }
        JsonObject out = new JsonObject();
        out.addProperty("class_name", cls);
        out.add("config", value(key, config, depth + 1));
        return out;
    }

    /** Whether an initializer's config leaves every parameter at its default ({@code seed}, {@code input_axes}, ... null). */
    private static boolean allNull(JsonObject config) {
        for (Map.Entry<String, JsonElement> e : config.entrySet()) {
            if (!e.getValue().isJsonNull()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tries the layer's config on its factory; settings the layer does not read are dropped when they
     * mean "off" or only matter for training, and anything else is an error naming the layer.
     */
    private JsonObject settle(String cls, String name, JsonObject config) {
        Config trial = ConfigJson.fromJson(config, name);
        RuntimeException failure;
        try {
            Layers.fromConfig(cls, trial);
            return config;
        } catch (IllegalArgumentException | IllegalStateException e) {
            failure = e;
        }
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : config.entrySet()) {
            String key = e.getKey();
            boolean unreadNeutral = trial.unread().contains(key) && KerasLayers.isNeutral(key, e.getValue());
            // A regularizer, constraint or parameterized initializer that the layer reads as a name, or not at all.
            boolean untranslated = KerasLayers.isTrainingOnly(key) && e.getValue().isJsonObject();
            if (unreadNeutral || untranslated) {
                dropped.add(key);
            }
        }
        if (dropped.isEmpty()) {
            throw unsupported(cls, name, config, trial, failure);
        }
        JsonObject reduced = config.deepCopy();
        dropped.forEach(reduced::remove);
        Config retry = ConfigJson.fromJson(reduced, name);
        try {
            Layers.fromConfig(cls, retry);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw unsupported(cls, name, reduced, retry, e);
        }
        for (String key : dropped) {
            if (!KerasLayers.isNeutral(key, config.get(key))) {
                notes.add("layer '" + name + "' (" + cls + "): " + key + "=" + abbreviate(config.get(key))
                        + " is ignored: Lepton's " + cls + " does not read it (the weights come from the file; training "
                        + "from here runs without it)");
            }
        }
        return reduced;
    }

    private ModelFormatException unsupported(String cls, String name, JsonObject config, Config tried, RuntimeException e) {
        StringBuilder values = new StringBuilder();
        for (String key : tried.unread()) {
            if (config.has(key)) {
                values.append(values.length() == 0 ? "" : ", ").append(key).append('=').append(abbreviate(config.get(key)));
            }
        }
        return new ModelFormatException(source + ": layer '" + name + "' (" + cls + ") has settings Lepton cannot load: "
                + e.getMessage() + (values.length() == 0 ? "" : " (in the file: " + values + ")"), e);
    }

    private void layerClassMustExist(String cls, String name) {
        if (Layers.names().contains(cls)) {
            return;
        }
        String layer = "layer '" + name + "'";
        if (cls.contains(">")) {
            throw new ModelFormatException(source + ": " + layer + " is of the custom class '" + cls + "', which is not "
                    + "registered in Lepton; register a Lepton layer that does the same under that name with "
                    + "Layers.register(\"" + cls + "\", ...) to load it");
        }
        if (cls.equals("Lambda") || cls.equals("TFOpLambda") || cls.equals("SlicingOpLambda")) {
            throw new ModelFormatException(source + ": " + layer + " is a " + cls + " layer, which holds Python code that "
                    + "Lepton cannot run; replace it with built-in layers in Keras, or register a Lepton layer named '" + cls + "'");
        }
        throw new ModelFormatException(source + ": " + layer + " is of class " + cls + ", which Lepton does not have; the layers it has are "
                + Layers.names());
    }

    private void checkDtype(JsonElement dtype, String cls, String name) {
        String policy = null;
        if (dtype.isJsonPrimitive()) {
            policy = dtype.getAsString();
        } else if (dtype.isJsonObject()) {
            JsonObject o = dtype.getAsJsonObject();
            String policyClass = json.optionalString(o, "class_name");
            if (policyClass != null && policyClass.contains("Quantized")) {
                throw new ModelFormatException(source + ": layer '" + name + "' (" + cls + ") is quantized (" + policyClass
                        + "); Lepton loads float weights only");
            }
            if (o.get("config") instanceof JsonObject c) {
                policy = json.optionalString(c, "name");
            }
        }
        if (policy != null && !policy.equals("float32") && !policy.equals("float64")) {
            notes.add("layer '" + name + "' (" + cls + "): the dtype policy '" + policy + "' is ignored; Lepton computes in float64");
        }
    }

    private static boolean isInitializer(String name) {
        try {
            Initializers.get(name);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static void copyIfPresent(JsonObject from, JsonObject to, String key) {
        if (from.has(key)) {
            to.add(key, from.get(key));
        }
    }

    private static boolean isFalse(JsonElement v) {
        return v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean() && !v.getAsBoolean();
    }

    /** The value as an array, or an error naming it. */
    private JsonArray array(JsonElement element, String what) {
        JsonObject holder = new JsonObject();
        holder.add(what, element == null ? JsonNull.INSTANCE : element);
        return json.array(holder, what);
    }

    private static String abbreviate(JsonElement e) {
        String text = String.valueOf(e);
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
