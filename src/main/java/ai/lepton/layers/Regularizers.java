package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.config.Registry;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keras's weight penalties by name, and the registry that saves and loads them, as
 * {@code keras.regularizers.get}/{@code serialize}/{@code deserialize}: {@link L1} ({@code "l1"}),
 * {@link L2} ({@code "l2"}) and {@link L1L2} ({@code "l1l2"}, also {@code "l1_l2"}), each also under
 * its class name. A layer's config holds a penalty as Keras does,
 * {@code {"class_name": "L2", "config": {"l2": 0.01}}}; register a class of your own so that
 * models using it save and load.
 *
 * <pre>{@code
 * Regularizer l2 = Regularizers.get("l2");                 // L2 with factor 0.01
 * Config saved = Regularizers.serialize(new L1(1e-4));     // {class_name=L1, config={l1=1.0E-4}}
 * Regularizer again = Regularizers.deserialize(saved);
 * }</pre>
 */
public final class Regularizers {
    private static final Registry<Regularizer> REGISTRY = new Registry<>("regularizer");
    /** Keras's snake-case names ({@code to_snake_case} of the class names) and aliases. */
    private static final Map<String, String> ALIASES = Map.of("l1", "L1", "l2", "L2", "l1l2", "L1L2", "l1_l2", "L1L2");

    static {
        register("L1", L1.class, L1::fromConfig);
        register("L2", L2.class, L2::fromConfig);
        register("L1L2", L1L2.class, L1L2::fromConfig);
    }

    private Regularizers() {
    }

    /**
     * Registers a regularizer class under a name, so that a model file can name it.
     *
     * @param name the name written in files
     * @param type the class
     * @param factory rebuilds a regularizer from the config its {@link Regularizer#getConfig()} gave
     * @param <R> the class
     */
    public static <R extends Regularizer> void register(String name, Class<R> type, Function<Config, R> factory) {
        REGISTRY.register(name, type, factory);
    }

    /**
     * A regularizer with its defaults, by Keras's name, as {@code keras.regularizers.get("l2")}.
     *
     * @param name a registered name or one of Keras's snake-case names ({@code l1}, {@code l2}, {@code l1l2}, {@code l1_l2})
     * @return a new regularizer
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Regularizer get(String name) {
        String className = name == null ? null : ALIASES.getOrDefault(name, name);
        if (!REGISTRY.contains(className)) {
            throw new IllegalArgumentException("Unknown regularizer: '" + name + "'. Expected one of: " + ALIASES.keySet().stream()
                    .sorted().toList() + " or a registered class name " + REGISTRY.names());
        }
        return REGISTRY.create(className, Config.of(className));
    }

    /**
     * Rebuilds a regularizer from its registered name and config.
     *
     * @param className the registered name
     * @param config its settings
     * @return a new regularizer
     * @throws ConfigException for an unknown name or bad settings
     */
    public static Regularizer fromConfig(String className, Config config) {
        try {
            return REGISTRY.create(className, config);
        } catch (IllegalArgumentException e) {
            throw e instanceof ConfigException c ? c : new ConfigException(className + ": invalid settings: " + e.getMessage());
        }
    }

    /**
     * @param regularizer a regularizer of a registered class
     * @return the name it is saved under
     * @throws IllegalArgumentException if its class is not registered
     */
    public static String nameOf(Regularizer regularizer) {
        return REGISTRY.nameOf(regularizer);
    }

    /** @return the registered names, sorted */
    public static List<String> names() {
        return REGISTRY.names();
    }

    /**
     * A regularizer as a layer's config holds it: {@code {"class_name": ..., "config": {...}}}.
     *
     * @param regularizer a regularizer of a registered class
     * @return a new config
     * @throws IllegalArgumentException if its class is not registered
     */
    public static Config serialize(Regularizer regularizer) {
        String name = nameOf(regularizer);
        return Config.of(name).put("class_name", name).put("config", regularizer.getConfig());
    }

    /**
     * Rebuilds a regularizer from {@link #serialize}'s form; Keras's extra keys {@code module} and
     * {@code registered_name} are accepted and ignored.
     *
     * @param serialized {@code {"class_name": ..., "config": {...}}}
     * @return a new regularizer
     * @throws ConfigException for an unknown class name or bad settings
     */
    public static Regularizer deserialize(Config serialized) {
        serialized.markRead("module", "registered_name");
        String className = serialized.getString("class_name");
        Config config = serialized.getConfig("config");
        Regularizer regularizer = fromConfig(className, config);
        List<String> unread = config.unread();
        if (!unread.isEmpty()) {
            throw new ConfigException(className + ": unknown settings " + unread);
        }
        return regularizer;
    }

    /**
     * Puts a layer's regularizer setting into its config, {@code null} for none as Keras writes it.
     *
     * @param config the layer's config (modified)
     * @param key the setting's Keras name, e.g. {@code "kernel_regularizer"}
     * @param regularizer the regularizer, or {@code null} for none
     */
    static void put(Config config, String key, Regularizer regularizer) {
        config.put(key, regularizer == null ? null : serialize(regularizer));
    }

    /**
     * Reads a layer's regularizer setting: a serialized regularizer, a name, or absent.
     *
     * @param config the layer's config
     * @param key the setting's Keras name
     * @return the regularizer, or {@code null} if the setting is absent or null
     */
    static Regularizer read(Config config, String key) {
        Object value = config.get(key);
        if (value == null) {
            return null;
        }
        return value instanceof String name ? get(name) : deserialize(config.getConfig(key));
    }

    /**
     * The activity penalty Keras adds for a layer's output: the regularizer's penalty divided by
     * the batch size, so that its strength does not depend on the batch size.
     *
     * @param regularizer the layer's activity regularizer
     * @param output the layer's output, {@code (batch, ...)}
     * @return the scalar to add to the loss
     */
    static Tensor activityPenalty(Regularizer regularizer, Tensor output) {
        int[] shape = Storage.shape(output);
        Tensor penalty = regularizer.penalty(output);
        return shape.length == 0 || shape[0] == 0 ? penalty : penalty.div(shape[0]);
    }

    /**
     * Checks a penalty factor as Keras's {@code validate_float_arg}.
     *
     * @param owner the regularizer, for the message
     * @param setting the factor's name
     * @param value the value received
     * @return {@code value}
     * @throws IllegalArgumentException if it is negative, infinite or NaN
     */
    static double requireFactor(String owner, String setting, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + setting + " must be a non-negative number. Received: " + setting + "="
                    + value);
        }
        return value;
    }
}
