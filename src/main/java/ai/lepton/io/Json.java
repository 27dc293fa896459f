package ai.lepton.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;

/**
 * Typed, checked reads from an untrusted JSON description: each accessor either returns a value
 * of the expected type and range or throws a {@link ModelFormatException} naming the file and
 * the field. Nothing from Gson's own exceptions escapes.
 *
 * <pre>{@code
 * Json json = new Json("model.lepton model.json");
 * int units = json.integer(config, "units");
 * }</pre>
 */
public final class Json {
    private final String source;

    /**
     * @param source where the JSON came from, for messages (e.g. the file's name)
     */
    public Json(String source) {
        this.source = source;
    }

    /** @return where the JSON came from, for messages */
    public String source() {
        return source;
    }

    /**
     * @param element a value
     * @param what its name, for the message
     * @return the value as an object
     */
    public JsonObject object(JsonElement element, String what) {
        if (element == null || !element.isJsonObject()) {
            throw error(what, "an object", element);
        }
        return element.getAsJsonObject();
    }

    /**
     * @param parent an object
     * @param key a field name
     * @return the field as an object
     */
    public JsonObject object(JsonObject parent, String key) {
        return object(parent.get(key), key);
    }

    /**
     * @param parent an object
     * @param key a field name
     * @return the field as an array
     */
    public JsonArray array(JsonObject parent, String key) {
        JsonElement e = parent.get(key);
        if (e == null || !e.isJsonArray()) {
            throw error(key, "an array", e);
        }
        return e.getAsJsonArray();
    }

    /**
     * @param parent an object
     * @param key a field name
     * @return the field as a string
     */
    public String string(JsonObject parent, String key) {
        JsonElement e = parent.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw error(key, "a string", e);
        }
        return e.getAsString();
    }

    /**
     * @param parent an object
     * @param key a field name
     * @return the field as a string, or {@code null} when absent or not a string
     */
    public String optionalString(JsonObject parent, String key) {
        JsonElement e = parent.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    /**
     * @param parent an object
     * @param key a field name
     * @return the field as a double
     */
    public double number(JsonObject parent, String key) {
        return number(parent.get(key), key);
    }

    /**
     * @param element a value
     * @param what its name, for the message
     * @return the value as a double
     */
    public double number(JsonElement element, String what) {
        if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
            throw error(what, "a number", element);
        }
        return element.getAsDouble();
    }

    /**
     * @param parent an object
     * @param key a field name
     * @return the field as an int
     */
    public int integer(JsonObject parent, String key) {
        return integer(parent.get(key), key);
    }

    /**
     * @param element a value
     * @param what its name, for the message
     * @return the value as an int
     */
    public int integer(JsonElement element, String what) {
        double v = number(element, what);
        if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error(what, "an integer", element);
        }
        return (int) v;
    }

    /**
     * Reads a whole number exactly, over the whole range of {@code long} (seeds use all 64 bits,
     * more than a double holds).
     *
     * @param parent an object
     * @param key a field name
     * @return the field as a long
     */
    public long longInteger(JsonObject parent, String key) {
        JsonElement e = parent.get(key);
        number(e, key);
        String digits = e.getAsJsonPrimitive().getAsString();
        try {
            // The length check keeps a hostile 16 MB number from costing quadratic time to parse.
            if (digits.length() > 32) {
                throw new NumberFormatException();
            }
            return new BigDecimal(digits).longValueExact();
        } catch (NumberFormatException | ArithmeticException notALong) {
            throw error(key, "a whole number in the range of a long", e);
        }
    }

    /**
     * @param parent an object
     * @param key a field name
     * @return the field as a boolean
     */
    public boolean bool(JsonObject parent, String key) {
        JsonElement e = parent.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw error(key, "true or false", e);
        }
        return e.getAsBoolean();
    }

    /**
     * @param parent an object
     * @param key a field name
     * @return the field as a list of non-negative ints (a shape)
     */
    public int[] shape(JsonObject parent, String key) {
        JsonArray a = array(parent, key);
        if (a.size() > 32) {
            throw error(key, "a shape of at most 32 dimensions", a);
        }
        int[] shape = new int[a.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = integer(a.get(i), key + "[" + i + "]");
            if (shape[i] < 0) {
                throw error(key, "non-negative dimensions", a);
            }
        }
        return shape;
    }

    /**
     * @param values ints
     * @return them as a JSON array
     */
    public static JsonArray ints(int[] values) {
        JsonArray a = new JsonArray();
        for (int v : values) {
            a.add(new JsonPrimitive(v));
        }
        return a;
    }

    private ModelFormatException error(String what, String expected, JsonElement received) {
        String shown = received == null ? "nothing" : abbreviate(received.toString());
        return new ModelFormatException(source + ": '" + what + "' must be " + expected + ", found " + shown);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
