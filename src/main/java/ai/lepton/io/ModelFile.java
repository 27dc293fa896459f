package ai.lepton.io;

import ai.lepton.config.Config;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lepton's model file in the terms of its parts: the model's class and config (its architecture,
 * as its {@code getConfig()} gave it), the compile settings, and named arrays, one per variable
 * ({@code dense/kernel}, {@code dropout/masks_drawn}, nested models as {@code block/dense/kernel})
 * and per optimizer slot ({@code optimizer/m/dense/kernel}). The layout is documented in
 * {@code docs/model-format.md}. It knows no layer type: the model package turns configs into
 * layers through the registries.
 *
 * <p>Files of format version 1 (Lepton 0.1's first format) are read too: their description is
 * rewritten into today's on reading.
 *
 * <pre>{@code
 * ModelFile file = ModelFile.read(Path.of("model.lepton"));
 * String type = file.model().getString("class_name");           // "Sequential"
 * boolean compiled = file.compile() != null;
 * }</pre>
 */
public final class ModelFile {
    /** The prefix of the optimizer's slot arrays: {@code optimizer/<slot>/<variable path>}. */
    public static final String SLOT_PREFIX = "optimizer/";

    private final Path path;
    private final Config model;
    private final Config compile;
    private final Map<String, NamedArray> arrays;

    private ModelFile(Path path, Config model, Config compile, Map<String, NamedArray> arrays) {
        this.path = path;
        this.model = model;
        this.compile = compile;
        this.arrays = arrays;
    }

    /**
     * Writes a model file atomically (see {@link ModelArchive#write}).
     *
     * @param path the file; its folder must exist
     * @param model {@code {"class_name": ..., "config": {...}}} of the model
     * @param compile the compile settings ({@code optimizer}, {@code loss}, {@code metrics}), or {@code null}
     * @param arrays the variables and optimizer slots, with unique names
     * @throws IllegalArgumentException if a config holds a value JSON cannot hold, two arrays share a
     *         name (the file could not be loaded back) or {@code path} names a folder
     * @throws IllegalStateException if the file written does not read back; the previous file is then intact
     * @throws java.io.UncheckedIOException if writing fails; the previous file is then intact
     */
    public static void write(Path path, Config model, Config compile, List<NamedArray> arrays) {
        JsonObject description = new JsonObject();
        description.add("model", ConfigJson.toJson(model));
        if (compile != null) {
            description.add("compile", ConfigJson.toJson(compile));
        }
        ModelArchive.write(path, description, arrays);
    }

    /**
     * Reads a model file's description and arrays; the model package checks them against the
     * layers the config describes.
     *
     * @param path the file
     * @return its parts
     * @throws ModelFormatException if the file is not a valid model file this Lepton can read
     * @throws java.io.UncheckedIOException if the file cannot be read at all (e.g. it does not exist)
     */
    public static ModelFile read(Path path) {
        ModelArchive archive = ModelArchive.read(path);
        JsonObject description = archive.description();
        Json json = new Json(path + " " + ModelArchive.DESCRIPTION_ENTRY);
        Map<String, NamedArray> arrays = new LinkedHashMap<>();
        archive.arrays().forEach(a -> arrays.put(a.name(), a));
        if (archive.formatVersion() == 1) {
            description = upgradeFromVersion1(json, description, arrays);
        }
        Config model = ConfigJson.fromJson(json.object(description, "model"), "model");
        Config compile = description.has("compile") ? ConfigJson.fromJson(json.object(description, "compile"), "compile") : null;
        return new ModelFile(path, model, compile, arrays);
    }

    /**
     * Format 1 described a Sequential model's layers directly, each with an optional
     * {@code "state"} object, one loss name and one list of metrics; today's description nests
     * the model's config and keeps all state in arrays.
     */
    private static JsonObject upgradeFromVersion1(Json json, JsonObject description, Map<String, NamedArray> arrays) {
        JsonObject old = json.object(description, "model");
        JsonObject config = new JsonObject();
        config.add("name", old.get("name"));
        config.add("seed", old.get("seed"));
        JsonArray layers = new JsonArray();
        for (JsonElement element : json.array(old, "layers")) {
            JsonObject layer = json.object(element, "layers[]").deepCopy();
            if (layer.has("state")) {
                String layerName = json.string(json.object(layer, "config"), "name");
                for (Map.Entry<String, JsonElement> s : json.object(layer, "state").entrySet()) {
                    String name = layerName + "/" + s.getKey();
                    arrays.put(name, new NamedArray(name, new int[] {1}, new double[] {json.longInteger(json.object(layer,
                            "state"), s.getKey())}));
                }
                layer.remove("state");
            }
            layers.add(layer);
        }
        config.add("layers", layers);
        if (old.has("input_shape")) {
            JsonArray batchShape = new JsonArray();
            batchShape.add((JsonElement) null);
            json.array(old, "input_shape").forEach(batchShape::add);
            config.add("build_input_shape", batchShape);
        }
        JsonObject model = new JsonObject();
        model.addProperty("class_name", json.string(old, "class_name"));
        model.add("config", config);
        JsonObject upgraded = new JsonObject();
        upgraded.add("model", model);
        if (description.has("compile")) {
            JsonObject compile = json.object(description, "compile").deepCopy();
            JsonArray losses = new JsonArray();
            losses.add(compile.get("loss"));
            compile.add("loss", losses);
            JsonArray metrics = new JsonArray();
            metrics.add(compile.get("metrics"));
            compile.add("metrics", metrics);
            upgraded.add("compile", compile);
        }
        return upgraded;
    }

    /** @return the file read */
    public Path path() {
        return path;
    }

    /** @return {@code {"class_name": ..., "config": {...}}} of the model */
    public Config model() {
        return model;
    }

    /** @return the compile settings, or {@code null} if the model was saved uncompiled */
    public Config compile() {
        return compile;
    }

    /** @return every array by name, in the order written */
    public Map<String, NamedArray> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    /** @return the names of the optimizer slot arrays */
    public List<String> slotNames() {
        List<String> names = new ArrayList<>();
        for (String name : arrays.keySet()) {
            if (name.startsWith(SLOT_PREFIX)) {
                names.add(name);
            }
        }
        return names;
    }
}
