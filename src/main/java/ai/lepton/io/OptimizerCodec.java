package ai.lepton.io;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.optimizers.Adam;
import ai.lepton.optimizers.Optimizer;
import ai.lepton.optimizers.RMSprop;
import ai.lepton.optimizers.SGD;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns an optimizer into its description and back:
 * {@code {"class_name": "Adam", "config": {...}, "iterations": 1875}}, the config being
 * {@link Optimizer#getConfig()}. The slots are arrays, stored beside the weights (see
 * {@code docs/model-format.md}). Types come from a fixed table of Lepton's own optimizers:
 * nothing in a file can make Lepton load a class by name.
 *
 * <pre>{@code
 * Config description = OptimizerCodec.encode(new Adam(3e-4));
 * Optimizer copy = OptimizerCodec.decode(description);
 * }</pre>
 */
public final class OptimizerCodec {
    private static final Map<String, Function<Config, Optimizer>> FACTORIES = Map.of(
            "SGD", c -> new SGD(c.getDouble("learning_rate"))
                    .momentum(c.getDouble("momentum"))
                    .nesterov(c.getBoolean("nesterov")),
            "Adam", c -> new Adam(c.getDouble("learning_rate"))
                    .beta1(c.getDouble("beta_1"))
                    .beta2(c.getDouble("beta_2"))
                    .epsilon(c.getDouble("epsilon")),
            "RMSprop", c -> new RMSprop(c.getDouble("learning_rate"))
                    .rho(c.getDouble("rho"))
                    .momentum(c.getDouble("momentum"))
                    .epsilon(c.getDouble("epsilon"))
                    .centered(c.getBoolean("centered")));

    private OptimizerCodec() {
    }

    /** @return the optimizer types a model file may name */
    public static List<String> knownTypes() {
        return FACTORIES.keySet().stream().sorted().toList();
    }

    /**
     * @param optimizer one of Lepton's optimizers
     * @return its type, settings and iteration count
     * @throws IllegalArgumentException for an optimizer class of the user's own, which a file cannot name
     */
    public static Config encode(Optimizer optimizer) {
        String type = optimizer.getClass().getSimpleName();
        if (!FACTORIES.containsKey(type) || !optimizer.getClass().getPackageName().equals(Optimizer.class.getPackageName())) {
            throw new IllegalArgumentException("cannot save the optimizer " + optimizer.getClass().getName()
                    + ": a model file can only name Lepton's optimizers " + knownTypes());
        }
        Config config = Config.of(type);
        optimizer.getConfig().forEach(config::put);
        return Config.of("optimizer").put("class_name", type).put("config", config).put("iterations", optimizer.iterations());
    }

    /**
     * @param description an optimizer's description, as {@link #encode} writes it
     * @return a new optimizer with those settings and that iteration count, without slots
     * @throws ConfigException for an unknown type or invalid settings
     */
    public static Optimizer decode(Config description) {
        String type = description.getString("class_name");
        Function<Config, Optimizer> factory = FACTORIES.get(type);
        if (factory == null) {
            throw new ConfigException("unknown optimizer type '" + type + "'; this Lepton knows " + knownTypes());
        }
        long iterations = description.getLong("iterations");
        try {
            Optimizer optimizer = factory.apply(description.getConfig("config"));
            optimizer.iterations(iterations);
            return optimizer;
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid settings for a " + type + " optimizer: " + e.getMessage());
        }
    }
}
