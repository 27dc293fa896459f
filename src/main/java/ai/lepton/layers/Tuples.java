package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import java.util.List;

/**
 * Keras's "int or tuple" settings as config values: a padding or cropping given as one number
 * (every side), a pair {@code (before, after)}, or a pair of pairs
 * {@code ((top, bottom), (left, right))}; and the {@code data_format} that image layers record.
 */
final class Tuples {
    private Tuples() {
    }

    /**
     * Reads {@code n} or {@code [before, after]}.
     *
     * @param config the settings
     * @param key the setting
     * @return {@code {before, after}}
     * @throws ConfigException if the value has another form
     */
    static int[] pair(Config config, String key) {
        int[] v = config.getInts(key);
        if (v.length == 1) {
            return new int[] {v[0], v[0]};
        }
        if (v.length != 2) {
            throw new ConfigException(config.owner() + ": setting '" + key + "' must be an integer or a pair of integers. Received: "
                    + config.get(key));
        }
        return v;
    }

    /**
     * Reads {@code n}, {@code [height, width]} (each symmetric) or {@code [[top, bottom], [left, right]]}.
     *
     * @param config the settings
     * @param key the setting
     * @return {@code {{top, bottom}, {left, right}}}
     * @throws ConfigException if the value has another form
     */
    static int[][] pairs(Config config, String key) {
        Object v = config.get(key);
        if (v instanceof List<?> list && list.size() == 2) {
            int[][] out = new int[2][];
            for (int axis = 0; axis < 2; axis++) {
                out[axis] = pair(Config.of(config.owner()).put(key, list.get(axis)), key);
            }
            return out;
        }
        int[] both = config.getInts(key);
        if (both.length == 1) {
            return new int[][] {{both[0], both[0]}, {both[0], both[0]}};
        }
        if (both.length != 2) {
            throw new ConfigException(config.owner() + ": setting '" + key + "' must be an integer, a pair, or a pair of pairs. "
                    + "Received: " + v);
        }
        return new int[][] {{both[0], both[0]}, {both[1], both[1]}};
    }

    /**
     * @param p {@code {{top, bottom}, {left, right}}}
     * @return the config value Keras writes, {@code [[top, bottom], [left, right]]}
     */
    static List<int[]> pairsValue(int[][] p) {
        return List.of(p[0].clone(), p[1].clone());
    }

    /**
     * Reads {@code data_format}: Lepton's layers are channels-last only.
     *
     * @param config the settings
     * @throws ConfigException for {@code channels_first}
     */
    static void requireChannelsLast(Config config) {
        String format = config.getString("data_format", "channels_last");
        if (!"channels_last".equals(format)) {
            throw new ConfigException(config.owner() + ": only data_format='channels_last' is supported. Received: data_format="
                    + format);
        }
    }

    /**
     * Checks a padding or cropping amount.
     *
     * @param layer the layer's class name, for the message
     * @param setting the setting's Keras name
     * @param values the amounts received
     * @throws IllegalArgumentException if one is negative
     */
    static void requireNonNegative(String layer, String setting, int... values) {
        for (int v : values) {
            if (v < 0) {
                throw new IllegalArgumentException(layer + ": " + setting + " cannot be negative. Received: " + setting + "="
                        + java.util.Arrays.toString(values));
            }
        }
    }
}
