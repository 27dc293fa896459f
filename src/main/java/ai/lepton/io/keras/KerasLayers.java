package ai.lepton.io.keras;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Keras's files say about each layer class beyond its config, in one table: where a layer's
 * variables sit in a weights file, the Python module a class is written under, the settings whose
 * value means "feature off" (which a Lepton layer without the feature may ignore).
 *
 * <p>A Lepton layer whose {@code getConfig()} uses Keras's keys and whose {@code getWeights()} is
 * Keras's {@code get_weights()} needs nothing here. A layer that keeps its variables in a sub-object
 * (a recurrent layer's {@code cell}) needs one entry in {@link #weightGroups}.
 */
final class KerasLayers {
    /** Keras call arguments that are settings of Lepton's layers (MultiHeadAttention's), written back as call kwargs. */
    static final List<String> CALL_SETTINGS = List.of("use_causal_mask", "return_attention_scores");

    /** Layers whose Keras call takes its inputs as separate positional arguments, {@code mha(query, value, key)}. */
    static final Set<String> POSITIONAL_INPUTS = Set.of("MultiHeadAttention");

    /** Recurrent layers keep their variables in their cell: {@code layers/lstm/cell/vars}. */
    private static final Set<String> CELL_LAYERS = Set.of("SimpleRNN", "LSTM", "GRU");

    /**
     * Settings whose value switches a feature off or is Keras's default; a Lepton layer that does not
     * read such a setting behaves as Keras does with it, so loading drops it.
     */
    private static final Map<String, List<JsonElement>> NEUTRAL = Map.ofEntries(
            Map.entry("data_format", json("\"channels_last\"")),
            Map.entry("dilation_rate", json("1", "[1]", "[1,1]", "[1,1,1]")),
            Map.entry("groups", json("1")),
            Map.entry("sparse", json("false")),
            Map.entry("ragged", json("false")),
            Map.entry("optional", json("false")),
            Map.entry("seed", json()),
            Map.entry("reduction", json("\"sum_over_batch_size\"", "\"auto\"")),
            Map.entry("is_legacy_optimizer", json("false")),
            Map.entry("jit_compile", json("false", "true")),
            Map.entry("decay", json("0", "0.0")),
            Map.entry("lora_rank", json()),
            Map.entry("lora_alpha", json()),
            Map.entry("quantization_config", json()),
            Map.entry("autocast", json("true")),
            Map.entry("from_logits", json("false")),
            Map.entry("label_smoothing", json("0")),
            Map.entry("axis", json("-1")));

    private KerasLayers() {
    }

    /**
     * Keras's {@code naming.to_snake_case}: {@code Dense -> dense}, {@code MaxPooling2D -> max_pooling2d},
     * {@code LeakyReLU -> leaky_re_lu}. A custom name {@code package>Name} uses its class part.
     *
     * @param className a class name
     * @return its snake-case form, the name Keras's weights files give a layer's group
     */
    static String snakeCase(String className) {
        String name = className.substring(className.lastIndexOf('>') + 1).replaceAll("\\W+", "");
        name = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        name = name.replaceAll("([a-z])([A-Z])", "$1_$2");
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @param className a registered class name
     * @return the Python module Keras 3 writes for it in {@code config.json}
     */
    static String module(String className) {
        switch (className) {
            case "Sequential":
                return "keras";
            case "Functional":
                return "keras.src.models.functional";
            default:
                return className.contains(">") ? className.substring(0, className.indexOf('>')) : "keras.layers";
        }
    }

    /**
     * Where a layer's variables sit below its group in a Keras 3 weights file, in order.
     *
     * @param className the layer's class
     * @param layerName the layer's name (the {@code name} attribute of its {@code vars} group)
     * @param count the number of its weights
     * @return the groups, each with the weights it holds, covering {@code 0..count-1} in order
     */
    static List<WeightGroup> weightGroups(String className, String layerName, int count) {
        if (CELL_LAYERS.contains(className)) {
            return List.of(new WeightGroup("vars", layerName, 0, 0),
                    new WeightGroup("cell/vars", snakeCase(className) + "_cell", 0, count));
        }
        if (className.equals("MultiHeadAttention")) {
            // Its EinsumDense sublayers: query, key, value, attention_output, each a kernel and (with use_bias) a bias.
            int each = count / 4;
            return List.of(new WeightGroup("vars", layerName, 0, 0),
                    new WeightGroup("query_dense/vars", "query", 0, each),
                    new WeightGroup("key_dense/vars", "key", each, 2 * each),
                    new WeightGroup("value_dense/vars", "value", 2 * each, 3 * each),
                    new WeightGroup("output_dense/vars", "attention_output", 3 * each, count));
        }
        return List.of(new WeightGroup("vars", layerName, 0, count));
    }

    /**
     * @param key a setting's name
     * @param value its value in the file
     * @return whether the value means Keras's default behaviour, so a layer that does not read the setting may drop it
     */
    static boolean isNeutral(String key, JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return true;
        }
        List<JsonElement> neutral = NEUTRAL.get(key);
        if (neutral == null) {
            return false;
        }
        for (JsonElement n : neutral) {
            if (sameJson(n, value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param key a setting's name
     * @return whether it only matters when training from scratch or fine-tuning (an initializer, a
     *         regularizer or a constraint), so that a model loads for inference without it
     */
    static boolean isTrainingOnly(String key) {
        return key.endsWith("_initializer") || key.endsWith("_regularizer") || key.endsWith("_constraint");
    }

    private static boolean sameJson(JsonElement a, JsonElement b) {
        if (a.isJsonPrimitive() && b.isJsonPrimitive() && a.getAsJsonPrimitive().isNumber() && b.getAsJsonPrimitive().isNumber()) {
            return a.getAsDouble() == b.getAsDouble();
        }
        if (a.isJsonArray() && b.isJsonArray() && a.getAsJsonArray().size() == b.getAsJsonArray().size()) {
            for (int i = 0; i < a.getAsJsonArray().size(); i++) {
                if (!sameJson(a.getAsJsonArray().get(i), b.getAsJsonArray().get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static List<JsonElement> json(String... values) {
        return java.util.Arrays.stream(values).map(JsonParser::parseString).toList();
    }

    /**
     * A group of a layer's variables in a weights file.
     *
     * @param path the group's path below the layer's group, e.g. {@code vars} or {@code cell/vars}
     * @param nameAttribute the {@code name} attribute Keras gives the group (the saving object's name)
     * @param from the first of the layer's weights it holds
     * @param to one past the last
     */
    record WeightGroup(String path, String nameAttribute, int from, int to) {
    }
}
