package ai.lepton.config;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The classes of one kind (layers, losses, metrics, optimizers, ...) that a saved file may name,
 * each with the factory that rebuilds an object from its {@link Config}, as Keras's
 * {@code register_keras_serializable} and {@code from_config}.
 *
 * <p>Lepton's own classes are registered under their Keras class names; users register theirs
 * (Keras writes such names as {@code "package>Name"}) so that models using them save and load.
 * Loading only ever calls a registered factory: nothing in a file can make Lepton load a class by
 * name, which is what makes loading a file from anywhere safe.
 *
 * <pre>{@code
 * Registry<Shape> shapes = new Registry<>("shape");
 * shapes.register("Circle", Circle.class, config -> new Circle(config.getDouble("radius")));
 * Shape s = shapes.create("Circle", Config.of("Circle").put("radius", 2.0));
 * String name = shapes.nameOf(s);   // "Circle"
 * }</pre>
 *
 * @param <T> the kind of object
 */
public final class Registry<T> {
    private final String kind;
    private final Map<String, Function<Config, ? extends T>> factories = new ConcurrentHashMap<>();
    private final Map<Class<?>, String> names = new ConcurrentHashMap<>();

    /**
     * @param kind what the objects are, for messages (e.g. {@code "layer"})
     */
    public Registry(String kind) {
        this.kind = kind;
    }

    /**
     * Registers a class under a name, replacing an earlier registration of the same name.
     *
     * @param name the name written in files, e.g. {@code "Dense"} or {@code "my_package>MyLayer"}
     * @param type the class whose objects are saved under that name (exactly that class)
     * @param factory rebuilds an object from the config its {@code getConfig()} gave
     * @param <S> the class
     * @throws IllegalArgumentException if the name is blank or the class is registered under another name
     */
    public <S extends T> void register(String name, Class<S> type, Function<Config, S> factory) {
        if (name == null || name.isBlank() || type == null || factory == null) {
            throw new IllegalArgumentException("register: a " + kind + " needs a name, a class and a factory. Received: name="
                    + name + ", class=" + type);
        }
        String existing = names.get(type);
        if (existing != null && !existing.equals(name)) {
            throw new IllegalArgumentException("register: " + type.getName() + " is already registered as the " + kind + " '"
                    + existing + "'");
        }
        factories.put(name, factory);
        names.put(type, name);
    }

    /**
     * @param name a registered name
     * @return whether it is registered
     */
    public boolean contains(String name) {
        return name != null && factories.containsKey(name);
    }

    /**
     * Rebuilds an object; the factory's own errors are passed on.
     *
     * @param name the name it was saved under
     * @param config its settings
     * @return a new object
     * @throws ConfigException if the name is not registered, listing the registered ones
     */
    public T create(String name, Config config) {
        Function<Config, ? extends T> factory = name == null ? null : factories.get(name);
        if (factory == null) {
            throw new ConfigException("unknown " + kind + " '" + name + "'; the known ones are " + names()
                    + " (register a class of your own with register(name, class, factory))");
        }
        return factory.apply(config);
    }

    /**
     * The name an object is saved under.
     *
     * @param object an object of a registered class
     * @return its registered name
     * @throws IllegalArgumentException if its class is not registered
     */
    public String nameOf(T object) {
        String name = names.get(object.getClass());
        if (name == null) {
            throw new IllegalArgumentException("cannot save the " + kind + " " + object.getClass().getName()
                    + ": its class is not registered; register it with register(name, class, factory) so that a file can name it");
        }
        return name;
    }

    /**
     * @param object an object
     * @return whether its class is registered
     */
    public boolean isRegistered(T object) {
        return names.containsKey(object.getClass());
    }

    /** @return the registered names, sorted */
    public List<String> names() {
        return factories.keySet().stream().sorted().toList();
    }
}
