package ai.lepton.io;

import ai.lepton.optimizers.Adam;
import ai.lepton.optimizers.Optimizer;
import ai.lepton.optimizers.RMSprop;
import ai.lepton.optimizers.SGD;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Turns an optimizer into its JSON description and back:
 * {@code {"class_name": "Adam", "config": {...}, "iterations": 1875}}, the config being
 * {@link Optimizer#getConfig()}. The slots are arrays, stored beside the weights (see
 * {@code docs/model-format.md}). As for layers, types come from a fixed table of Lepton's own
 * optimizers: nothing in a file can make Lepton load a class by name.
 *
 * <pre>{@code
 * JsonObject json = OptimizerCodec.encode(new Adam(3e-4));
 * Optimizer copy = OptimizerCodec.decode(json, new Json("example"));
 * }</pre>
 */
public final class OptimizerCodec {
    private static final Map<String, BiFunction<JsonObject, Json, Optimizer>> FACTORIES = Map.of(
            "SGD", (c, json) -> new SGD(json.number(c, "learning_rate"))
                    .momentum(json.number(c, "momentum"))
                    .nesterov(json.bool(c, "nesterov")),
            "Adam", (c, json) -> new Adam(json.number(c, "learning_rate"))
                    .beta1(json.number(c, "beta_1"))
                    .beta2(json.number(c, "beta_2"))
                    .epsilon(json.number(c, "epsilon")),
            "RMSprop", (c, json) -> new RMSprop(json.number(c, "learning_rate"))
                    .rho(json.number(c, "rho"))
                    .momentum(json.number(c, "momentum"))
                    .epsilon(json.number(c, "epsilon"))
                    .centered(json.bool(c, "centered")));

    private OptimizerCodec() {
    }

    /** @return the optimizer types a model file may name */
    public static List<String> knownTypes() {
        return FACTORIES.keySet().stream().sorted().toList();
    }

    /**
     * @param optimizer one of Lepton's optimizers
     * @return its type, settings and iteration count as JSON
     * @throws IllegalArgumentException for an optimizer class of the user's own, which a file cannot name
     */
    public static JsonObject encode(Optimizer optimizer) {
        String type = optimizer.getClass().getSimpleName();
        if (!FACTORIES.containsKey(type) || !optimizer.getClass().getPackageName().equals(Optimizer.class.getPackageName())) {
            throw new IllegalArgumentException("cannot save the optimizer " + optimizer.getClass().getName()
                    + ": a model file can only name Lepton's optimizers " + knownTypes());
        }
        JsonObject config = new Gson().toJsonTree(optimizer.getConfig().asMap()).getAsJsonObject();
        JsonObject json = new JsonObject();
        json.addProperty("class_name", type);
        json.add("config", config);
        json.addProperty("iterations", optimizer.iterations());
        return json;
    }

    /**
     * @param description an optimizer's JSON, as {@link #encode} writes it
     * @param json the reader for the file it came from
     * @return a new optimizer with those settings and that iteration count, without slots
     * @throws ModelFormatException for an unknown type or invalid settings
     */
    public static Optimizer decode(JsonObject description, Json json) {
        String type = json.string(description, "class_name");
        BiFunction<JsonObject, Json, Optimizer> factory = FACTORIES.get(type);
        if (factory == null) {
            throw new ModelFormatException(json.source() + ": unknown optimizer type '" + type + "'; this Lepton knows "
                    + knownTypes());
        }
        JsonObject config = json.object(description, "config");
        long iterations = json.longInteger(description, "iterations");
        try {
            Optimizer optimizer = factory.apply(config, json);
            optimizer.iterations(iterations);
            return optimizer;
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(json.source() + ": invalid settings for a " + type + " optimizer: " + e.getMessage(), e);
        }
    }
}
