package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.config.Registry;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keras's weight constraints by name, and the registry that saves and loads them, as
 * {@code keras.constraints.get}/{@code serialize}/{@code deserialize}: {@link MaxNorm}
 * ({@code "max_norm"}), {@link MinMaxNorm} ({@code "min_max_norm"}), {@link NonNeg}
 * ({@code "non_neg"}) and {@link UnitNorm} ({@code "unit_norm"}), each also under its class name.
 * A layer's config holds a constraint as Keras does,
 * {@code {"class_name": "MaxNorm", "config": {"max_value": 2.0, "axis": 0}}}; register a class of
 * your own so that models using it save and load.
 *
 * <pre>{@code
 * Constraint nonNeg = Constraints.get("non_neg");
 * Config saved = Constraints.serialize(new MaxNorm(3.0));
 * Constraint again = Constraints.deserialize(saved);
 * }</pre>
 */
public final class Constraints {
    private static final Registry<Constraint> REGISTRY = new Registry<>("constraint");
    /** Keras's snake-case names of the classes. */
    private static final Map<String, String> ALIASES =
            Map.of("max_norm", "MaxNorm", "min_max_norm", "MinMaxNorm", "non_neg", "NonNeg", "unit_norm", "UnitNorm");

    static {
        register("MaxNorm", MaxNorm.class, MaxNorm::fromConfig);
        register("MinMaxNorm", MinMaxNorm.class, MinMaxNorm::fromConfig);
        register("NonNeg", NonNeg.class, NonNeg::fromConfig);
        register("UnitNorm", UnitNorm.class, UnitNorm::fromConfig);
    }

    private Constraints() {
    }

    /**
     * Registers a constraint class under a name, so that a model file can name it.
     *
     * @param name the name written in files
     * @param type the class
     * @param factory rebuilds a constraint from the config its {@link Constraint#getConfig()} gave
     * @param <C> the class
     */
    public static <C extends Constraint> void register(String name, Class<C> type, Function<Config, C> factory) {
        REGISTRY.register(name, type, factory);
    }

    /**
     * A constraint with its defaults, by Keras's name, as {@code keras.constraints.get("max_norm")}.
     *
     * @param name a registered name or one of Keras's snake-case names
     * @return a new constraint
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Constraint get(String name) {
        String className = name == null ? null : ALIASES.getOrDefault(name, name);
        if (!REGISTRY.contains(className)) {
            throw new IllegalArgumentException("Unknown constraint: '" + name + "'. Expected one of: " + ALIASES.keySet().stream()
                    .sorted().toList() + " or a registered class name " + REGISTRY.names());
        }
        return REGISTRY.create(className, Config.of(className));
    }

    /**
     * Rebuilds a constraint from its registered name and config.
     *
     * @param className the registered name
     * @param config its settings
     * @return a new constraint
     * @throws ConfigException for an unknown name or bad settings
     */
    public static Constraint fromConfig(String className, Config config) {
        try {
            return REGISTRY.create(className, config);
        } catch (IllegalArgumentException e) {
            throw e instanceof ConfigException c ? c : new ConfigException(className + ": invalid settings: " + e.getMessage());
        }
    }

    /**
     * @param constraint a constraint of a registered class
     * @return the name it is saved under
     * @throws IllegalArgumentException if its class is not registered
     */
    public static String nameOf(Constraint constraint) {
        return REGISTRY.nameOf(constraint);
    }

    /** @return the registered names, sorted */
    public static List<String> names() {
        return REGISTRY.names();
    }

    /**
     * A constraint as a layer's config holds it: {@code {"class_name": ..., "config": {...}}}.
     *
     * @param constraint a constraint of a registered class
     * @return a new config
     * @throws IllegalArgumentException if its class is not registered
     */
    public static Config serialize(Constraint constraint) {
        String name = nameOf(constraint);
        return Config.of(name).put("class_name", name).put("config", constraint.getConfig());
    }

    /**
     * Rebuilds a constraint from {@link #serialize}'s form; Keras's extra keys {@code module} and
     * {@code registered_name} are accepted and ignored.
     *
     * @param serialized {@code {"class_name": ..., "config": {...}}}
     * @return a new constraint
     * @throws ConfigException for an unknown class name or bad settings
     */
    public static Constraint deserialize(Config serialized) {
        serialized.markRead("module", "registered_name");
        String className = serialized.getString("class_name");
        Config config = serialized.getConfig("config");
        Constraint constraint = fromConfig(className, config);
        List<String> unread = config.unread();
        if (!unread.isEmpty()) {
            throw new ConfigException(className + ": unknown settings " + unread);
        }
        return constraint;
    }

    /**
     * Puts a layer's constraint setting into its config, {@code null} for none as Keras writes it.
     *
     * @param config the layer's config (modified)
     * @param key the setting's Keras name, e.g. {@code "kernel_constraint"}
     * @param constraint the constraint, or {@code null} for none
     */
    static void put(Config config, String key, Constraint constraint) {
        config.put(key, constraint == null ? null : serialize(constraint));
    }

    /**
     * Reads a layer's constraint setting: a serialized constraint, a name, or absent.
     *
     * @param config the layer's config
     * @param key the setting's Keras name
     * @return the constraint, or {@code null} if the setting is absent or null
     */
    static Constraint read(Config config, String key) {
        Object value = config.get(key);
        if (value == null) {
            return null;
        }
        return value instanceof String name ? get(name) : deserialize(config.getConfig(key));
    }
}
