package ai.lepton.io.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;

/**
 * Translates Lepton's model config into Keras's JSON, the inverse of {@link ConfigFromKeras}: for
 * a {@code .keras} file Keras 3's schema ({@code module}, {@code class_name}, {@code config},
 * {@code registered_name}, {@code build_config}; dtype policies, initializer objects, the
 * Sequential's first {@code InputLayer}, inbound nodes of {@code __keras_tensor__} arguments), for
 * an {@code .h5} file the legacy schema Keras writes there ({@code class_name} and {@code config}
 * only, Keras 2's inbound nodes {@code [[layer, node, tensor, {}]]}, {@code batch_input_shape}).
 * Layer settings are Lepton's, which use Keras's names; only the Lepton-only {@code seed} of a
 * model and a layer's {@code input_shape} are left out.
 */
final class ConfigToKeras {
    private static final String FLOAT32 = "float32";

    private final boolean legacy;

    /**
     * @param legacy whether to write the legacy schema of {@code .h5} files instead of Keras 3's
     */
    ConfigToKeras(boolean legacy) {
        this.legacy = legacy;
    }

    /**
     * @param entry Lepton's {@code {"class_name", "config"}} of the model
     * @param node the model's tree (names, built shapes)
     * @return the model's serialized form, as Keras writes it
     */
    JsonObject model(JsonObject entry, LayerNode node) {
        return entry(entry, node);
    }

    private JsonObject entry(JsonObject entry, LayerNode node) {
        String cls = entry.get("class_name").getAsString();
        JsonObject config = entry.getAsJsonObject("config");
        JsonObject translated;
        switch (cls) {
            case "Sequential":
                translated = sequential(config, node);
                break;
            case "Functional":
                translated = functional(config, node);
                break;
            default:
                translated = layer(cls, config);
        }
        JsonObject out = new JsonObject();
        if (!legacy) {
            out.addProperty("module", KerasLayers.module(cls));
        }
        out.addProperty("class_name", legacy || !cls.contains(">") ? cls : cls.substring(cls.indexOf('>') + 1));
        out.add("config", translated);
        if (!legacy) {
            out.add("registered_name", cls.contains(">") ? JsonParser.parseString("\"" + cls + "\"") : JsonNull.INSTANCE);
            if (!cls.equals("Functional") && node != null && !node.inputShapes().isEmpty()) {
                JsonObject build = new JsonObject();
                build.add("input_shape", shapes(node.inputShapes()));
                out.add("build_config", build);
            }
        }
        return out;
    }

    private JsonObject sequential(JsonObject config, LayerNode node) {
        JsonObject out = new JsonObject();
        out.add("name", config.get("name"));
        if (!legacy) {
            out.add("trainable", config.get("trainable"));
            out.add("dtype", policy());
        }
        JsonArray layers = new JsonArray();
        JsonElement batchShape = config.get("build_input_shape");
        if (batchShape != null && !batchShape.isJsonNull()) {
            JsonObject input = new JsonObject();
            input.addProperty("name", "input_layer");
            input.add("batch_shape", batchShape);
            JsonObject entry = new JsonObject();
            entry.addProperty("class_name", "InputLayer");
            entry.add("config", input);
            layers.add(entry(entry, null));
        }
        for (JsonElement e : config.getAsJsonArray("layers")) {
            JsonObject layer = e.getAsJsonObject();
            layers.add(entry(layer, node.child(layer.getAsJsonObject("config").get("name").getAsString())));
        }
        out.add("layers", layers);
        if (!legacy && batchShape != null && !batchShape.isJsonNull()) {
            out.add("build_input_shape", batchShape);
        }
        return out;
    }

    private JsonObject functional(JsonObject config, LayerNode node) {
        JsonObject out = new JsonObject();
        out.add("name", config.get("name"));
        out.add("trainable", config.get("trainable"));
        JsonArray layers = new JsonArray();
        for (JsonElement e : config.getAsJsonArray("layers")) {
            JsonObject layer = e.getAsJsonObject();
            String name = layer.get("name").getAsString();
            JsonObject translated = entry(layer, node.child(name));
            translated.addProperty("name", name);
            JsonArray nodes = new JsonArray();
            String cls = layer.get("class_name").getAsString();
            JsonObject kwargs = callSettings(translated.getAsJsonObject("config"));
            for (JsonElement call : layer.getAsJsonArray("inbound_nodes")) {
                nodes.add(legacy ? legacyNode(call.getAsJsonArray())
                        : node(call.getAsJsonArray(), node, KerasLayers.POSITIONAL_INPUTS.contains(cls), kwargs));
            }
            translated.add("inbound_nodes", nodes);
            layers.add(translated);
        }
        out.add("layers", layers);
        out.add("input_layers", config.get("input_layers"));
        out.add("output_layers", config.get("output_layers"));
        return out;
    }

    /** Takes the settings that are call arguments in Keras out of a layer's config, as the call's kwargs. */
    private static JsonObject callSettings(JsonObject layerConfig) {
        JsonObject kwargs = new JsonObject();
        for (String key : KerasLayers.CALL_SETTINGS) {
            if (layerConfig != null && layerConfig.has(key)) {
                kwargs.add(key, layerConfig.remove(key));
            }
        }
        return kwargs;
    }

    /**
     * Keras 3's call: {@code {"args": [tensor]}}, or {@code {"args": [[tensor, ...]]}} for a layer of
     * several inputs, or {@code {"args": [tensor, tensor]}} for one that takes them positionally.
     */
    private JsonObject node(JsonArray refs, LayerNode model, boolean positional, JsonObject kwargs) {
        JsonArray tensors = new JsonArray();
        for (JsonElement ref : refs) {
            JsonArray r = ref.getAsJsonArray();
            LayerNode producer = model.child(r.get(0).getAsString());
            JsonObject config = new JsonObject();
            int index = r.get(2).getAsInt();
            if (producer != null && index < producer.outputShapes().size()) {
                config.add("shape", shapes(List.of(producer.outputShapes().get(index))));
            }
            config.addProperty("dtype", FLOAT32);
            config.add("keras_history", r);
            JsonObject tensor = new JsonObject();
            tensor.addProperty("class_name", "__keras_tensor__");
            tensor.add("config", config);
            tensors.add(tensor);
        }
        JsonArray args = new JsonArray();
        if (positional) {
            args.addAll(tensors);
        } else {
            args.add(tensors.size() == 1 ? tensors.get(0) : tensors);
        }
        JsonObject call = new JsonObject();
        call.add("args", args);
        call.add("kwargs", kwargs.deepCopy());
        return call;
    }

    /** Keras 2's call: {@code [[layer, node, tensor, {}], ...]}. */
    private static JsonArray legacyNode(JsonArray refs) {
        JsonArray out = new JsonArray();
        for (JsonElement ref : refs) {
            JsonArray r = ref.getAsJsonArray().deepCopy();
            r.add(new JsonObject());
            out.add(r);
        }
        return out;
    }

    private JsonObject layer(String cls, JsonObject config) {
        JsonObject out = new JsonObject();
        if (cls.equals("InputLayer")) {
            out.add(legacy ? "batch_input_shape" : "batch_shape", config.get("batch_shape"));
            out.addProperty("dtype", FLOAT32);
            out.addProperty("sparse", false);
            out.addProperty("ragged", false);
            out.add("name", config.get("name"));
            return out;
        }
        for (Map.Entry<String, JsonElement> e : config.entrySet()) {
            String key = e.getKey();
            if (key.equals("input_shape")) {
                continue;
            }
            out.add(key, value(key, e.getValue()));
            if (key.equals("trainable")) {
                out.add("dtype", legacy ? JsonParser.parseString("\"" + FLOAT32 + "\"") : policy());
            }
        }
        if (!out.has("dtype")) {
            out.add("dtype", legacy ? JsonParser.parseString("\"" + FLOAT32 + "\"") : policy());
        }
        return out;
    }

    /** A setting's value: an initializer name becomes Keras's initializer object; nested objects get Keras's wrapper. */
    private JsonElement value(String key, JsonElement value) {
        if (key.endsWith("_initializer") && value.isJsonPrimitive()) {
            String cls = camelCase(value.getAsString());
            JsonObject config = new JsonObject();
            if (!cls.equals("Zeros") && !cls.equals("Ones")) {
                config.add("seed", JsonNull.INSTANCE);
            }
            return wrap(moduleOf(key), cls, config);
        }
        if (value.isJsonObject() && value.getAsJsonObject().has("class_name") && value.getAsJsonObject().has("config")) {
            JsonObject o = value.getAsJsonObject();
            return wrap(moduleOf(key), o.get("class_name").getAsString(), o.get("config"));
        }
        return value;
    }

    private JsonObject wrap(String module, String cls, JsonElement config) {
        JsonObject out = new JsonObject();
        if (!legacy) {
            out.addProperty("module", module);
        }
        out.addProperty("class_name", cls);
        out.add("config", config);
        if (!legacy) {
            out.add("registered_name", JsonNull.INSTANCE);
        }
        return out;
    }

    private static String moduleOf(String key) {
        if (key.endsWith("_initializer")) {
            return "keras.initializers";
        }
        if (key.endsWith("_regularizer")) {
            return "keras.regularizers";
        }
        if (key.endsWith("_constraint")) {
            return "keras.constraints";
        }
        return "keras";
    }

    /** {@code glorot_uniform -> GlorotUniform}, Keras's class name for an initializer's name. */
    static String camelCase(String snake) {
        StringBuilder out = new StringBuilder();
        for (String part : snake.split("_")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    /** Keras 3's float32 dtype policy. */
    private static JsonObject policy() {
        JsonObject config = new JsonObject();
        config.addProperty("name", FLOAT32);
        JsonObject out = new JsonObject();
        out.addProperty("module", "keras");
        out.addProperty("class_name", "DTypePolicy");
        out.add("config", config);
        out.add("registered_name", JsonNull.INSTANCE);
        return out;
    }

    /** One batched shape {@code [null, ...]}, or a list of them for several. */
    static JsonArray shapes(List<int[]> perExample) {
        if (perExample.size() == 1) {
            return batched(perExample.get(0));
        }
        JsonArray out = new JsonArray();
        perExample.forEach(s -> out.add(batched(s)));
        return out;
    }

    private static JsonArray batched(int[] shape) {
        JsonArray out = new JsonArray();
        out.add(JsonNull.INSTANCE);
        for (int d : shape) {
            out.add(d);
        }
        return out;
    }
}
