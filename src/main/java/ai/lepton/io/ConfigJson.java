package ai.lepton.io;

import ai.lepton.config.Config;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts between {@link Config} and JSON, exactly: whole numbers stay integers (a 64-bit seed
 * keeps every bit), other numbers are written as the shortest decimal that reads back as the same
 * double, arrays and lists become JSON arrays and nested configs JSON objects.
 *
 * <pre>{@code
 * JsonObject json = ConfigJson.toJson(new Dense(10).getConfig());
 * Config again = ConfigJson.fromJson(json, "dense");
 * }</pre>
 */
public final class ConfigJson {
    /** Nesting deeper than this in a file is refused rather than followed. */
    static final int MAX_DEPTH = 64;

    private ConfigJson() {
    }

    /**
     * @param config a config (not modified)
     * @return its JSON object
     * @throws IllegalArgumentException for a value JSON cannot hold (NaN or an infinity)
     */
    public static JsonObject toJson(Config config) {
        JsonObject object = new JsonObject();
        for (Map.Entry<String, Object> e : config.asMap().entrySet()) {
            object.add(e.getKey(), element(config.owner() + "." + e.getKey(), e.getValue()));
        }
        return object;
    }

    private static JsonElement element(String where, Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (value instanceof String s) {
            return new JsonPrimitive(s);
        }
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(where + " is " + d + ", which JSON cannot hold");
            }
            return new JsonPrimitive(d);
        }
        if (value instanceof Number n) {
            return new JsonPrimitive(n.longValue());
        }
        JsonArray array = new JsonArray();
        if (value instanceof int[] ints) {
            for (int v : ints) {
                array.add(v);
            }
        } else if (value instanceof double[] doubles) {
            for (double v : doubles) {
                array.add(element(where, v));
            }
        } else if (value instanceof List<?> list) {
            for (Object v : list) {
                array.add(element(where, v));
            }
        } else if (value instanceof Map<?, ?> map) {
            JsonObject object = new JsonObject();
            map.forEach((k, v) -> object.add(String.valueOf(k), element(where + "." + k, v)));
            return object;
        } else {
            throw new IllegalArgumentException(where + " has a value of type " + value.getClass().getName());
        }
        return array;
    }

    /**
     * @param object a JSON object from a file
     * @param owner what it describes, for messages
     * @return the config it holds
     * @throws ModelFormatException if it nests deeper than {@value #MAX_DEPTH} levels
     */
    public static Config fromJson(JsonObject object, String owner) {
        return object(object, owner, 0);
    }

    private static Config object(JsonObject object, String owner, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ModelFormatException(owner + ": the JSON nests more than " + MAX_DEPTH + " levels deep");
        }
        Config config = Config.of(owner);
        for (Map.Entry<String, JsonElement> e : object.entrySet()) {
            config.put(e.getKey(), value(e.getValue(), owner, depth + 1));
        }
        return config;
    }

    private static Object value(JsonElement e, String owner, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ModelFormatException(owner + ": the JSON nests more than " + MAX_DEPTH + " levels deep");
        }
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            String name = o.has("name") && o.get("name").isJsonPrimitive() ? o.get("name").getAsString() : owner;
            return object(o, name, depth);
        }
        if (e.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonElement item : e.getAsJsonArray()) {
                list.add(value(item, owner, depth + 1));
            }
            return list;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isString()) {
            return p.getAsString();
        }
        String text = p.getAsString();
        if (text.matches("-?\\d{1,19}")) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException beyondLong) {
                return p.getAsDouble();
            }
        }
        return p.getAsDouble();
    }
}
