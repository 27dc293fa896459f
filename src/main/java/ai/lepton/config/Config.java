package ai.lepton.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of a layer, loss, metric, optimizer or schedule, as Keras's {@code get_config()}:
 * an ordered map from setting names (Keras's, in snake case) to plain values. Saving writes it as
 * JSON; loading reads it back and gives it to the class's registered factory
 * ({@link Registry}), whose typed getters check each value and name the setting when it is wrong.
 *
 * <p>Values are {@code null}, {@link Boolean}, {@link Integer}, {@link Long}, {@link Double},
 * {@link String}, {@code int[]}, {@code double[]}, a nested {@code Config}, or a {@link List} of
 * these. Arrays are copied in and out, so a config cannot be changed through a value it handed out.
 * The getters record which settings were read, so a loader can reject settings nobody asked for
 * ({@link #unread()}), as Keras rejects unknown keyword arguments.
 *
 * <pre>{@code
 * Config config = Config.of("Dense").put("units", 64).put("activation", "relu");
 * int units = config.getInt("units");                        // 64
 * String activation = config.getString("activation", "linear");
 * }</pre>
 */
public final class Config {
    private final String owner;
    private final LinkedHashMap<String, Object> values = new LinkedHashMap<>();
    private final Set<String> read = new LinkedHashSet<>();

    private Config(String owner) {
        this.owner = owner;
    }

    /**
     * An empty config.
     *
     * @param owner what the settings belong to, for messages (e.g. {@code "Dense"} or {@code "layer 'dense_1'"})
     * @return a new, empty config
     */
    public static Config of(String owner) {
        return new Config(owner == null ? "config" : owner);
    }

    /** @return what the settings belong to, as named in messages */
    public String owner() {
        return owner;
    }

    /**
     * Sets a value, replacing any earlier one.
     *
     * @param key the setting's name
     * @param value a value of one of the types above (arrays are copied)
     * @return this config
     * @throws ConfigException if the value is of another type
     */
    public Config put(String key, Object value) {
        if (key == null || key.isEmpty()) {
            throw new ConfigException(owner + ": a setting needs a name. Received: " + key);
        }
        values.put(key, copyIn(key, value));
        return this;
    }

    /**
     * @param key a setting's name
     * @return whether the config has the setting (possibly with a {@code null} value)
     */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** @return the settings' names, in order */
    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /**
     * The raw value, marking the setting as read.
     *
     * @param key a setting's name
     * @return its value (arrays copied), or {@code null} if absent
     */
    public Object get(String key) {
        read.add(key);
        return copyOut(values.get(key));
    }

    /**
     * Removes a setting.
     *
     * @param key a setting's name
     * @return this config
     */
    public Config remove(String key) {
        values.remove(key);
        read.remove(key);
        return this;
    }

    /**
     * @param key a setting's name
     * @return the value, a whole number in {@code int} range
     * @throws ConfigException if it is missing or not such a number
     */
    public int getInt(String key) {
        long v = getLong(key);
        if (v != (int) v) {
            throw wrong(key, "an integer in the range of int", values.get(key));
        }
        return (int) v;
    }

    /**
     * @param key a setting's name
     * @param fallback the value when the setting is absent or {@code null}
     * @return the value, a whole number in {@code int} range
     * @throws ConfigException if it is present but not such a number
     */
    public int getInt(String key, int fallback) {
        return isAbsent(key) ? fallback : getInt(key);
    }

    /**
     * @param key a setting's name
     * @return the value, a whole number
     * @throws ConfigException if it is missing or not a whole number
     */
    public long getLong(String key) {
        Object v = require(key);
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
            return d.longValue();
        }
        throw wrong(key, "an integer", v);
    }

    /**
     * @param key a setting's name
     * @param fallback the value when the setting is absent or {@code null}
     * @return the value, a whole number
     * @throws ConfigException if it is present but not a whole number
     */
    public long getLong(String key, long fallback) {
        return isAbsent(key) ? fallback : getLong(key);
    }

    /**
     * @param key a setting's name
     * @return the value as a double (any number is accepted)
     * @throws ConfigException if it is missing or not a number
     */
    public double getDouble(String key) {
        Object v = require(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrong(key, "a number", v);
    }

    /**
     * @param key a setting's name
     * @param fallback the value when the setting is absent or {@code null}
     * @return the value as a double
     * @throws ConfigException if it is present but not a number
     */
    public double getDouble(String key, double fallback) {
        return isAbsent(key) ? fallback : getDouble(key);
    }

    /**
     * @param key a setting's name
     * @return the value
     * @throws ConfigException if it is missing or not a boolean
     */
    public boolean getBoolean(String key) {
        Object v = require(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrong(key, "true or false", v);
    }

    /**
     * @param key a setting's name
     * @param fallback the value when the setting is absent or {@code null}
     * @return the value
     * @throws ConfigException if it is present but not a boolean
     */
    public boolean getBoolean(String key, boolean fallback) {
        return isAbsent(key) ? fallback : getBoolean(key);
    }

    /**
     * @param key a setting's name
     * @return the value
     * @throws ConfigException if it is missing or not a string
     */
    public String getString(String key) {
        Object v = require(key);
        if (v instanceof String s) {
            return s;
        }
        throw wrong(key, "a string", v);
    }

    /**
     * @param key a setting's name
     * @param fallback the value when the setting is absent or {@code null}
     * @return the value
     * @throws ConfigException if it is present but not a string
     */
    public String getString(String key, String fallback) {
        return isAbsent(key) ? fallback : getString(key);
    }

    /**
     * A list of whole numbers, such as a shape or a kernel size; a single number counts as a list
     * of one.
     *
     * @param key a setting's name
     * @return the values, a new array
     * @throws ConfigException if it is missing or not whole numbers in {@code int} range
     */
    public int[] getInts(String key) {
        Object v = require(key);
        if (v instanceof int[] ints) {
            return ints.clone();
        }
        List<?> list = v instanceof List<?> l ? l : List.of(v);
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object e = list.get(i);
            if (!(e instanceof Integer || e instanceof Long || (e instanceof Double d && d == Math.rint(d)))
                    || ((Number) e).longValue() != ((Number) e).intValue()) {
                throw wrong(key, "a list of integers", v);
            }
            out[i] = ((Number) e).intValue();
        }
        return out;
    }

    /**
     * @param key a setting's name
     * @return the values, a new array; a single number counts as a list of one
     * @throws ConfigException if it is missing or not numbers
     */
    public double[] getDoubles(String key) {
        Object v = require(key);
        if (v instanceof double[] doubles) {
            return doubles.clone();
        }
        if (v instanceof int[] ints) {
            return Arrays.stream(ints).asDoubleStream().toArray();
        }
        List<?> list = v instanceof List<?> l ? l : List.of(v);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw wrong(key, "a list of numbers", v);
            }
            out[i] = n.doubleValue();
        }
        return out;
    }

    /**
     * @param key a setting's name
     * @return the values
     * @throws ConfigException if it is missing or not a list of strings
     */
    public List<String> getStrings(String key) {
        Object v = require(key);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object e : list) {
                if (!(e instanceof String s)) {
                    throw wrong(key, "a list of strings", v);
                }
                out.add(s);
            }
            return out;
        }
        throw wrong(key, "a list of strings", v);
    }

    /**
     * @param key a setting's name
     * @return the nested config (the same object: settings read from it count as read there)
     * @throws ConfigException if it is missing or not a nested config
     */
    public Config getConfig(String key) {
        Object v = require(key);
        if (v instanceof Config c) {
            return c;
        }
        throw wrong(key, "a nested config", v);
    }

    /**
     * @param key a setting's name
     * @return the nested configs of a list setting
     * @throws ConfigException if it is missing or not a list of nested configs
     */
    public List<Config> getConfigs(String key) {
        Object v = require(key);
        List<Config> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object e : list) {
                if (!(e instanceof Config c)) {
                    throw wrong(key, "a list of nested configs", v);
                }
                out.add(c);
            }
            return out;
        }
        throw wrong(key, "a list of nested configs", v);
    }

    /**
     * The settings no getter has asked for, e.g. a misspelt or unsupported one in a file.
     *
     * @return their names, in order
     */
    public List<String> unread() {
        List<String> out = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                out.add(key);
            }
        }
        return out;
    }

    /**
     * Marks settings as read, for those that a caller handles itself.
     *
     * @param keys the settings' names
     * @return this config
     */
    public Config markRead(String... keys) {
        read.addAll(Arrays.asList(keys));
        return this;
    }

    /**
     * A copy of the settings as a map; nested configs become maps, arrays are copied.
     *
     * @return a new ordered map
     */
    public Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, plain(v)));
        return out;
    }

    /**
     * A deep copy, with nothing marked as read.
     *
     * @return a new config with the same owner and settings
     */
    public Config copy() {
        Config c = new Config(owner);
        values.forEach((k, v) -> c.values.put(k, deepCopy(v)));
        return c;
    }

    /**
     * Configs are equal when they hold the same settings in the same order with equal values;
     * numbers compare by value ({@code 1}, {@code 1L} and {@code 1.0} are equal, as in JSON) and
     * arrays equal lists of the same numbers.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Config c && canonical(this).equals(canonical(c));
    }

    @Override
    public int hashCode() {
        return canonical(this).hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        values.forEach((k, v) -> {
            if (s.length() > 1) {
                s.append(", ");
            }
            s.append(k).append('=').append(format(v));
        });
        return s.append('}').toString();
    }

    private boolean isAbsent(String key) {
        read.add(key);
        return values.get(key) == null;
    }

    private Object require(String key) {
        read.add(key);
        Object v = values.get(key);
        if (v == null) {
            throw new ConfigException(owner + ": setting '" + key + "' is " + (values.containsKey(key) ? "null" : "missing"));
        }
        return v;
    }

    private ConfigException wrong(String key, String expected, Object received) {
        return new ConfigException(owner + ": setting '" + key + "' must be " + expected + ". Received: " + format(received));
    }

    private Object copyIn(String key, Object value) {
        if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof String || value instanceof Config) {
            return value;
        }
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof int[] ints) {
            return ints.clone();
        }
        if (value instanceof double[] doubles) {
            return doubles.clone();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object e : list) {
                copy.add(copyIn(key, e));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new ConfigException(owner + ": setting '" + key + "' has a value of type " + value.getClass().getName()
                + ", which a config cannot hold (numbers, strings, booleans, int[], double[], lists and nested configs)");
    }

    private static Object copyOut(Object v) {
        if (v instanceof int[] ints) {
            return ints.clone();
        }
        if (v instanceof double[] doubles) {
            return doubles.clone();
        }
        return v;
    }

    private static Object deepCopy(Object v) {
        if (v instanceof Config c) {
            return c.copy();
        }
        if (v instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object e : list) {
                copy.add(deepCopy(e));
            }
            return Collections.unmodifiableList(copy);
        }
        return copyOut(v);
    }

    private static Object plain(Object v) {
        if (v instanceof Config c) {
            return c.asMap();
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object e : list) {
                out.add(plain(e));
            }
            return out;
        }
        return copyOut(v);
    }

    /** Lists of keys and values, numbers as Long when whole and Double otherwise, arrays as lists. */
    private static Object canonical(Object v) {
        if (v instanceof Config c) {
            List<Object> out = new ArrayList<>();
            c.values.forEach((k, e) -> {
                out.add(k);
                out.add(canonical(e));
            });
            return out;
        }
        if (v instanceof int[] ints) {
            return canonical(Arrays.stream(ints).boxed().toList());
        }
        if (v instanceof double[] doubles) {
            return canonical(Arrays.stream(doubles).boxed().toList());
        }
        if (v instanceof List<?> list) {
            return list.stream().map(Config::canonical).toList();
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 0x1p63 ? (Object) n.longValue() : (Object) d;
        }
        return v;
    }

    private static String format(Object v) {
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof int[] ints) {
            return Arrays.toString(ints);
        }
        if (v instanceof double[] doubles) {
            return Arrays.toString(doubles);
        }
        return String.valueOf(v);
    }
}
