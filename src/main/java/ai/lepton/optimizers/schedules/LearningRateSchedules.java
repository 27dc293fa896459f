package ai.lepton.optimizers.schedules;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.config.Registry;
import java.util.List;
import java.util.function.Function;

/**
 * The learning-rate schedules a saved optimizer may name, under Keras's class names, as Keras's
 * {@code keras.optimizers.schedules.serialize} and {@code deserialize}. An optimizer's config
 * holds its schedule as {@code {"class_name": "CosineDecay", "config": {...}}}.
 *
 * <pre>{@code
 * Config saved = LearningRateSchedules.serialize(new CosineDecay(0.1, 1000));
 * LearningRateSchedule copy = LearningRateSchedules.deserialize(saved);
 * }</pre>
 */
public final class LearningRateSchedules {
    private static final Registry<LearningRateSchedule> REGISTRY = new Registry<>("learning-rate schedule");

    static {
        register("ExponentialDecay", ExponentialDecay.class, ExponentialDecay::fromConfig);
        register("PiecewiseConstantDecay", PiecewiseConstantDecay.class, PiecewiseConstantDecay::fromConfig);
        register("PolynomialDecay", PolynomialDecay.class, PolynomialDecay::fromConfig);
        register("InverseTimeDecay", InverseTimeDecay.class, InverseTimeDecay::fromConfig);
        register("CosineDecay", CosineDecay.class, CosineDecay::fromConfig);
        register("CosineDecayRestarts", CosineDecayRestarts.class, CosineDecayRestarts::fromConfig);
    }

    private LearningRateSchedules() {
    }

    /**
     * Registers a schedule class, e.g. one of your own, so that optimizers using it save and load.
     *
     * @param name the name written in files (Keras writes a user's class as {@code "package>Name"})
     * @param type the class
     * @param factory rebuilds a schedule from the config its {@link LearningRateSchedule#getConfig()} gave
     * @param <S> the class
     * @throws IllegalArgumentException if the class is already registered under another name
     */
    public static <S extends LearningRateSchedule> void register(String name, Class<S> type, Function<Config, S> factory) {
        REGISTRY.register(name, type, factory);
    }

    /**
     * Rebuilds a schedule.
     *
     * @param className the name it was registered under, e.g. {@code "CosineDecay"}
     * @param config its settings
     * @return a new schedule
     * @throws ConfigException for an unknown name (listing the known ones) or bad settings
     */
    public static LearningRateSchedule fromConfig(String className, Config config) {
        return REGISTRY.create(className, config);
    }

    /**
     * @param schedule a schedule of a registered class
     * @return the name it is saved under
     * @throws IllegalArgumentException if its class is not registered
     */
    public static String nameOf(LearningRateSchedule schedule) {
        return REGISTRY.nameOf(schedule);
    }

    /** @return the registered names, sorted */
    public static List<String> names() {
        return REGISTRY.names();
    }

    /**
     * A schedule as an optimizer's config holds it: {@code {"class_name": ..., "config": {...}}}.
     *
     * @param schedule a schedule of a registered class
     * @return a new config
     * @throws IllegalArgumentException if its class is not registered
     */
    public static Config serialize(LearningRateSchedule schedule) {
        String name = nameOf(schedule);
        return Config.of(name).put("class_name", name).put("config", schedule.getConfig());
    }

    /**
     * Rebuilds a schedule from {@link #serialize}'s form; Keras's extra keys {@code module} and
     * {@code registered_name} are accepted and ignored.
     *
     * @param serialized {@code {"class_name": ..., "config": {...}}}
     * @return a new schedule
     * @throws ConfigException for an unknown class name or bad settings
     */
    public static LearningRateSchedule deserialize(Config serialized) {
        serialized.markRead("module", "registered_name");
        return fromConfig(serialized.getString("class_name"), serialized.getConfig("config"));
    }
}
