package ai.lepton.io;

import ai.lepton.layers.Activation;
import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Dropout;
import ai.lepton.layers.Flatten;
import ai.lepton.layers.Layer;
import ai.lepton.layers.MaxPooling2D;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Turns a layer into its JSON description ({@code {"class_name": "Dense", "config": {...}}}, the
 * config being {@link Layer#getConfig()}; a Dropout layer adds {@code "state": {"masks_drawn": n}},
 * its mask generator's state) and back. Types are looked up in a fixed table of
 * Lepton's own layers: nothing in a file can make Lepton load a class by name.
 *
 * <pre>{@code
 * JsonObject json = LayerCodec.encode(new Dense(10, "softmax").name("out"));
 * Layer copy = LayerCodec.decode(json, new Json("example"));
 * }</pre>
 */
public final class LayerCodec {
    private static final Map<String, BiFunction<JsonObject, Json, Layer>> FACTORIES = Map.of(
            "Dense", (c, json) -> new Dense(json.integer(c, "units"), json.string(c, "activation"))
                    .useBias(json.bool(c, "use_bias"))
                    .kernelInitializer(json.string(c, "kernel_initializer"))
                    .biasInitializer(json.string(c, "bias_initializer")),
            "Conv2D", (c, json) -> new Conv2D(json.integer(c, "filters"), json.integer(c, "kernel_size"),
                    json.string(c, "activation"))
                    .strides(json.integer(c, "strides"))
                    .padding(json.string(c, "padding"))
                    .useBias(json.bool(c, "use_bias"))
                    .kernelInitializer(json.string(c, "kernel_initializer"))
                    .biasInitializer(json.string(c, "bias_initializer")),
            "MaxPooling2D", (c, json) -> new MaxPooling2D(json.integer(c, "pool_size"))
                    .strides(json.integer(c, "strides"))
                    .padding(json.string(c, "padding")),
            "Flatten", (c, json) -> new Flatten(),
            "Dropout", (c, json) -> new Dropout(json.number(c, "rate")),
            "Activation", (c, json) -> new Activation(json.string(c, "activation")));

    private LayerCodec() {
    }

    /** @return the layer types a model file may name */
    public static List<String> knownTypes() {
        return FACTORIES.keySet().stream().sorted().toList();
    }

    /**
     * @param layer a layer
     * @return its type and settings as JSON
     */
    public static JsonObject encode(Layer layer) {
        String type = layer.getClass().getSimpleName();
        if (!FACTORIES.containsKey(type) || !layer.getClass().getPackageName().equals(Layer.class.getPackageName())) {
            throw new IllegalArgumentException("cannot save " + layer.describe() + " of class " + layer.getClass().getName()
                    + ": a model file can only name Lepton's layers " + knownTypes());
        }
        JsonObject config = new JsonObject();
        for (Map.Entry<String, Object> e : layer.getConfig().entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (v instanceof int[] ints) {
                config.add(e.getKey(), Json.ints(ints));
            } else if (v instanceof Number n) {
                config.add(e.getKey(), new JsonPrimitive(n));
            } else if (v instanceof Boolean b) {
                config.add(e.getKey(), new JsonPrimitive(b));
            } else {
                config.add(e.getKey(), new JsonPrimitive(v.toString()));
            }
        }
        JsonObject json = new JsonObject();
        json.addProperty("class_name", type);
        json.add("config", config);
        if (layer instanceof Dropout dropout) {
            JsonObject state = new JsonObject();
            state.addProperty("masks_drawn", dropout.masksDrawn());
            json.add("state", state);
        }
        return json;
    }

    /**
     * The weights a layer makes when built for an input shape, computed from its settings alone,
     * so that loading can check a file's arrays before the layer is given any memory.
     *
     * @param layer a layer of one of the {@link #knownTypes()} (not modified)
     * @param inputShape its per-example input shape, which the layer accepts
     * @return each weight's name and shape, in {@link Layer#getWeights()}'s order
     */
    static Map<String, int[]> weightShapes(Layer layer, int[] inputShape) {
        Map<String, Object> config = layer.getConfig();
        int channels = inputShape[inputShape.length - 1];
        Map<String, int[]> shapes = new LinkedHashMap<>();
        if (layer instanceof Dense) {
            int units = (Integer) config.get("units");
            shapes.put("kernel", new int[] {channels, units});
            if ((Boolean) config.get("use_bias")) {
                shapes.put("bias", new int[] {units});
            }
        } else if (layer instanceof Conv2D) {
            int filters = (Integer) config.get("filters");
            int size = (Integer) config.get("kernel_size");
            shapes.put("kernel", new int[] {size, size, channels, filters});
            if ((Boolean) config.get("use_bias")) {
                shapes.put("bias", new int[] {filters});
            }
        }
        return shapes;
    }

    /**
     * @param description a layer's JSON, as {@link #encode} writes it
     * @param json the reader for the file it came from
     * @return a new, unbuilt layer with those settings
     * @throws ModelFormatException for an unknown type or invalid settings
     */
    public static Layer decode(JsonObject description, Json json) {
        String type = json.string(description, "class_name");
        BiFunction<JsonObject, Json, Layer> factory = FACTORIES.get(type);
        if (factory == null) {
            throw new ModelFormatException(json.source() + ": unknown layer type '" + type + "'; this Lepton knows "
                    + knownTypes());
        }
        JsonObject config = json.object(description, "config");
        try {
            Layer layer = factory.apply(config, json);
            if (config.has("name")) {
                layer.name(json.string(config, "name"));
            }
            if (config.has("input_shape")) {
                layer.inputShape(json.shape(config, "input_shape"));
            }
            if (layer instanceof Dropout dropout && description.has("state")) {
                dropout.masksDrawn(json.longInteger(json.object(description, "state"), "masks_drawn"));
            }
            return layer;
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(json.source() + ": invalid settings for a " + type + " layer: " + e.getMessage(), e);
        }
    }
}
