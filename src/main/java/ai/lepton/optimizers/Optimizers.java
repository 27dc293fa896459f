package ai.lepton.optimizers;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.config.Registry;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The optimizers a saved model may name, under Keras's class names ({@code "SGD"}, {@code "Adam"},
 * {@code "AdamW"}, ...), and Keras's lookup by name with default settings, as
 * {@code model.compile("adam", ...)} accepts it.
 *
 * <pre>{@code
 * Optimizer opt = Optimizers.get("rmsprop");
 * Optimizer copy = Optimizers.fromConfig(Optimizers.nameOf(opt), opt.getConfig());
 * }</pre>
 */
public final class Optimizers {
    private static final Registry<Optimizer> REGISTRY = new Registry<>("optimizer");

    static {
        register("SGD", SGD.class, SGD::fromConfig);
        register("Adam", Adam.class, Adam::fromConfig);
        register("AdamW", AdamW.class, AdamW::fromConfig);
        register("RMSprop", RMSprop.class, RMSprop::fromConfig);
        register("Nadam", Nadam.class, Nadam::fromConfig);
        register("Adamax", Adamax.class, Adamax::fromConfig);
        register("Adagrad", Adagrad.class, Adagrad::fromConfig);
        register("Adadelta", Adadelta.class, Adadelta::fromConfig);
        register("Lion", Lion.class, Lion::fromConfig);
        register("Ftrl", Ftrl.class, Ftrl::fromConfig);
    }

    private Optimizers() {
    }

    /**
     * Registers an optimizer class, e.g. one of your own, so that models using it save and load
     * and {@link #get} finds it by name.
     *
     * @param name the name written in files (Keras writes a user's class as {@code "package>Name"})
     * @param type the class
     * @param factory rebuilds an optimizer from the config its {@link Optimizer#getConfig()} gave;
     *     for {@link #get}, from an empty config too
     * @param <S> the class
     * @throws IllegalArgumentException if the class is already registered under another name
     */
    public static <S extends Optimizer> void register(String name, Class<S> type, Function<Config, S> factory) {
        REGISTRY.register(name, type, factory);
    }

    /**
     * Rebuilds an optimizer, without state (no slots, iteration count 0). As in Keras, a built-in
     * optimizer's name may be in any case ({@code "adam"} for {@code "Adam"}).
     *
     * @param className the name it was registered under, e.g. {@code "AdamW"}
     * @param config its settings
     * @return a new optimizer
     * @throws ConfigException for an unknown name (listing the known ones) or a setting of the wrong type
     * @throws IllegalArgumentException if a value is out of range
     */
    public static Optimizer fromConfig(String className, Config config) {
        Optimizer optimizer = REGISTRY.create(registeredName(className), config);
        if (!config.unread().isEmpty()) {
            throw new ConfigException(className + ": unknown settings " + config.unread());
        }
        return optimizer;
    }

    /**
     * @param optimizer an optimizer of a registered class
     * @return the name it is saved under, e.g. {@code "Adam"}
     * @throws IllegalArgumentException if its class is not registered
     */
    public static String nameOf(Optimizer optimizer) {
        return REGISTRY.nameOf(optimizer);
    }

    /** @return the registered names, sorted */
    public static List<String> names() {
        return REGISTRY.names();
    }

    /**
     * An optimizer with Keras's default settings, by name in any case, as
     * {@code keras.optimizers.get("adamw")}.
     *
     * @param name a registered name, e.g. {@code "sgd"}, {@code "adam"}, {@code "adamw"}, {@code "rmsprop"}
     * @return a new optimizer
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Optimizer get(String name) {
        String registered = registeredName(name);
        if (!REGISTRY.contains(registered)) {
            throw new IllegalArgumentException("Unknown optimizer: '" + name + "'. Expected one of: "
                    + names().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList() + ", in any case");
        }
        return fromConfig(registered, Config.of(registered));
    }

    /** The registered name equal to {@code name} up to case, or {@code name} itself. */
    private static String registeredName(String name) {
        if (name == null || REGISTRY.contains(name)) {
            return name;
        }
        return names().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(name);
    }
}
