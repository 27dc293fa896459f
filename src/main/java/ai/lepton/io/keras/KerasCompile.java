package ai.lepton.io.keras;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.io.ConfigJson;
import ai.lepton.io.Json;
import ai.lepton.io.ModelFormatException;
import ai.lepton.losses.Loss;
import ai.lepton.losses.Losses;
import ai.lepton.metrics.Metrics;
import ai.lepton.optimizers.Optimizer;
import ai.lepton.optimizers.Optimizers;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A model's compile settings as Keras writes them (Keras 3's {@code compile_config}, Keras 2's
 * {@code training_config}) and as Lepton compiles: the optimizer from {@link Optimizers}, one loss
 * per output from {@link Losses}, metric names that {@link Metrics} knows. What Lepton lacks is
 * skipped with a note: an unknown metric is left out; an unknown optimizer or loss leaves the model
 * uncompiled, for inference.
 *
 * @param optimizer the optimizer, without state
 * @param losses one loss, or one per output
 * @param metrics one list of metric names, or one per output
 */
public record KerasCompile(Optimizer optimizer, List<Loss> losses, List<List<String>> metrics) {
    /**
     * Copies the lists.
     *
     * @param optimizer the optimizer
     * @param losses the losses
     * @param metrics the metric names
     */
    public KerasCompile {
        losses = List.copyOf(losses);
        metrics = metrics.stream().map(List::copyOf).toList();
    }

    /**
     * Reads compile settings, leaving out what Lepton lacks with a note.
     *
     * @param config Keras 3's {@code compile_config} or Keras 2's {@code training_config}
     * @param outputs the model's number of outputs
     * @param source the file, for messages
     * @param notes where notes about skipped settings are added
     * @return the settings, or {@code null} if the model cannot be compiled as saved
     */
    static KerasCompile read(JsonObject config, int outputs, String source, List<String> notes) {
        Json json = new Json(source);
        JsonElement optimizerEntry = config.has("optimizer") ? config.get("optimizer") : config.get("optimizer_config");
        if (optimizerEntry == null || optimizerEntry.isJsonNull()) {
            return null;
        }
        try {
            Optimizer optimizer = optimizer(optimizerEntry, json);
            List<Loss> losses = losses(config.get("loss"), outputs, json);
            List<List<String>> metrics = metrics(config.get("metrics"), outputs, notes);
            for (String ignored : List.of("loss_weights", "weighted_metrics")) {
                JsonElement v = config.get(ignored);
                if (v != null && !v.isJsonNull() && !(v.isJsonArray() && v.getAsJsonArray().isEmpty())) {
                    notes.add("compile: " + ignored + "=" + v + " is ignored (Lepton takes loss weights in FitOptions.lossWeights)");
                }
            }
            return new KerasCompile(optimizer, losses, metrics);
        } catch (IllegalArgumentException | ModelFormatException e) {
            notes.add("the model is loaded uncompiled, for inference: its compile settings cannot be restored: " + e.getMessage());
            return null;
        }
    }

    private static Optimizer optimizer(JsonElement entry, Json json) {
        if (entry.isJsonPrimitive()) {
            return Optimizers.get(entry.getAsString());
        }
        JsonObject o = json.object(entry, "optimizer");
        String cls = registeredName(o, json);
        // tf.keras 2.11+ wrote its built-in optimizers as "Custom>Adam".
        cls = cls.startsWith("Custom>") ? cls.substring("Custom>".length()) : cls;
        String name = cls;
        return create(strip(json.object(o, "config")), c -> Optimizers.fromConfig(name, c), "optimizer " + cls);
    }

    private static List<Loss> losses(JsonElement entry, int outputs, Json json) {
        if (entry == null || entry.isJsonNull()) {
            throw new ConfigException("it has no loss");
        }
        List<JsonElement> perOutput = new ArrayList<>();
        if (entry.isJsonArray()) {
            entry.getAsJsonArray().forEach(perOutput::add);
        } else if (entry.isJsonObject() && !entry.getAsJsonObject().has("class_name")) {
            entry.getAsJsonObject().entrySet().forEach(e -> perOutput.add(e.getValue()));
        } else {
            perOutput.add(entry);
        }
        if (perOutput.size() != 1 && perOutput.size() != outputs) {
            throw new ConfigException("it has " + perOutput.size() + " losses for " + outputs + " outputs");
        }
        List<Loss> losses = new ArrayList<>();
        for (JsonElement e : perOutput) {
            losses.add(loss(e, json));
        }
        return losses;
    }

    private static Loss loss(JsonElement entry, Json json) {
        if (entry.isJsonPrimitive()) {
            return Losses.get(entry.getAsString());
        }
        JsonObject o = json.object(entry, "loss");
        String cls = registeredName(o, json);
        return create(strip(json.object(o, "config")), c -> Losses.fromConfig(cls, c), "loss " + cls);
    }

    private static List<List<String>> metrics(JsonElement entry, int outputs, List<String> notes) {
        if (entry == null || entry.isJsonNull()) {
            return List.of(List.of());
        }
        List<JsonElement> items = new ArrayList<>();
        if (entry.isJsonArray()) {
            entry.getAsJsonArray().forEach(items::add);
        } else if (entry.isJsonObject() && !entry.getAsJsonObject().has("class_name")) {
            entry.getAsJsonObject().entrySet().forEach(e -> items.add(e.getValue()));
        } else {
            items.add(entry);
        }
        boolean perOutput = outputs > 1 && items.size() == outputs && items.stream().allMatch(e -> e.isJsonArray() || e.isJsonNull());
        if (!perOutput) {
            // Keras 2 wrote a single output's metrics as a list of one list.
            List<JsonElement> flat = new ArrayList<>();
            items.forEach(e -> {
                if (e.isJsonArray()) {
                    e.getAsJsonArray().forEach(flat::add);
                } else {
                    flat.add(e);
                }
            });
            return List.of(names(flat, notes));
        }
        List<List<String>> out = new ArrayList<>();
        for (JsonElement e : items) {
            List<JsonElement> list = new ArrayList<>();
            if (e.isJsonArray()) {
                e.getAsJsonArray().forEach(list::add);
            }
            out.add(names(list, notes));
        }
        return out;
    }

    private static List<String> names(List<JsonElement> items, List<String> notes) {
        List<String> names = new ArrayList<>();
        for (JsonElement e : items) {
            String name = metricName(e);
            try {
                Metrics.check(name);
                names.add(name);
            } catch (IllegalArgumentException unknown) {
                notes.add("compile: the metric " + (name == null ? e : "'" + name + "'") + " is left out: Lepton does not have it");
            }
        }
        return names;
    }

    private static String metricName(JsonElement e) {
        if (e.isJsonPrimitive()) {
            return e.getAsString();
        }
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("config") instanceof JsonObject c && c.get("name") instanceof JsonPrimitive p && p.isString()) {
                return p.getAsString();
            }
            if (o.get("class_name") instanceof JsonPrimitive p && p.isString()) {
                return KerasLayers.snakeCase(p.getAsString());
            }
        }
        return null;
    }

    /** A custom object's registered name ({@code "package>Name"}), else its class name. */
    private static String registeredName(JsonObject o, Json json) {
        String cls = json.string(o, "class_name");
        return o.get("registered_name") instanceof JsonPrimitive p && p.isString() ? p.getAsString() : cls;
    }

    /** Makes an object from a config, dropping settings it does not read when their value is Keras's default. */
    private static <T> T create(JsonObject config, Function<Config, T> factory, String what) {
        Config trial = ConfigJson.fromJson(config, what);
        try {
            return factory.apply(trial);
        } catch (IllegalArgumentException e) {
            JsonObject reduced = config.deepCopy();
            boolean dropped = false;
            for (String key : trial.unread()) {
                if (KerasLayers.isNeutral(key, config.get(key)) || key.equals("name")) {
                    reduced.remove(key);
                    dropped = true;
                }
            }
            if (!dropped) {
                throw new ConfigException(what + ": " + e.getMessage());
            }
            try {
                return factory.apply(ConfigJson.fromJson(reduced, what));
            } catch (IllegalArgumentException again) {
                throw new ConfigException(what + ": " + again.getMessage());
            }
        }
    }

    /** Keras's serialized objects nested in a config, as Lepton's {@code {"class_name", "config"}}. */
    private static JsonObject strip(JsonObject config) {
        JsonObject out = new JsonObject();
        for (Map.Entry<String, JsonElement> e : config.entrySet()) {
            JsonElement v = e.getValue();
            if (v.isJsonObject() && v.getAsJsonObject().has("class_name") && v.getAsJsonObject().has("config")) {
                JsonObject o = new JsonObject();
                o.add("class_name", v.getAsJsonObject().get("class_name"));
                o.add("config", v.getAsJsonObject().get("config").isJsonObject()
                        ? strip(v.getAsJsonObject().getAsJsonObject("config")) : v.getAsJsonObject().get("config"));
                v = o;
            }
            out.add(e.getKey(), v);
        }
        return out;
    }

    /**
     * Keras 3's {@code compile_config} for Lepton's compile settings.
     *
     * @param optimizer the optimizer
     * @param losses one loss per output
     * @param metrics one list of metric names per output
     * @return the JSON Keras's {@code compile_from_config} reads
     */
    static JsonObject write(Optimizer optimizer, List<Loss> losses, List<List<String>> metrics) {
        JsonObject out = new JsonObject();
        out.add("optimizer", optimizer(optimizer));
        boolean single = losses.size() == 1;
        if (single) {
            out.add("loss", loss(losses.get(0)));
        } else {
            JsonArray list = new JsonArray();
            losses.forEach(l -> list.add(loss(l)));
            out.add("loss", list);
        }
        out.add("loss_weights", JsonNull.INSTANCE);
        boolean noMetrics = metrics.stream().allMatch(List::isEmpty);
        if (noMetrics) {
            out.add("metrics", JsonNull.INSTANCE);
        } else if (Collections.frequency(metrics, metrics.get(0)) == metrics.size()) {
            // Keras applies a flat list of metrics to every output.
            out.add("metrics", strings(metrics.get(0)));
        } else {
            JsonArray list = new JsonArray();
            metrics.forEach(m -> list.add(strings(m)));
            out.add("metrics", list);
        }
        out.add("weighted_metrics", JsonNull.INSTANCE);
        out.addProperty("run_eagerly", false);
        out.addProperty("steps_per_execution", 1);
        out.addProperty("jit_compile", false);
        return out;
    }

    private static JsonObject optimizer(Optimizer optimizer) {
        String cls = Optimizers.nameOf(optimizer);
        JsonObject config = new JsonObject();
        config.addProperty("name", cls.toLowerCase(Locale.ROOT));
        ConfigJson.toJson(optimizer.getConfig()).entrySet().forEach(e -> config.add(e.getKey(), e.getValue()));
        if (config.get("learning_rate").isJsonObject()) {
            config.add("learning_rate", kerasObject("keras.optimizers.schedules", config.getAsJsonObject("learning_rate")));
        }
        config.addProperty("loss_scale_factor", (String) null);
        config.addProperty("gradient_accumulation_steps", (String) null);
        JsonObject serialized = new JsonObject();
        serialized.addProperty("class_name", cls);
        serialized.add("config", config);
        return kerasObject("keras.optimizers", serialized);
    }

    /** A loss by name when that name gives the same loss, as Keras writes {@code loss="mse"}; else the loss object. */
    private static JsonElement loss(Loss loss) {
        try {
            if (Losses.get(loss.name()).getConfig().equals(loss.getConfig())) {
                return new JsonPrimitive(loss.name());
            }
        } catch (IllegalArgumentException notAName) {
            // Written as an object below.
        }
        JsonObject serialized = new JsonObject();
        serialized.addProperty("class_name", Losses.nameOf(loss));
        serialized.add("config", ConfigJson.toJson(loss.getConfig()));
        return kerasObject("keras.losses", serialized);
    }

    /** Keras 3's form of a serialized object: {@code module}, {@code class_name}, {@code config}, {@code registered_name}. */
    static JsonObject kerasObject(String module, JsonObject classAndConfig) {
        String cls = classAndConfig.get("class_name").getAsString();
        int custom = cls.indexOf('>');
        JsonObject out = new JsonObject();
        // A custom class is written as Keras writes one: its package as the module, its registered name beside.
        out.addProperty("module", custom < 0 ? module : cls.substring(0, custom));
        out.addProperty("class_name", cls.substring(custom + 1));
        out.add("config", classAndConfig.get("config"));
        out.add("registered_name", custom < 0 ? JsonNull.INSTANCE : new JsonPrimitive(cls));
        return out;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
