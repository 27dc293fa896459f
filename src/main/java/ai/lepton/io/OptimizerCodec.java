package ai.lepton.io;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.optimizers.Optimizer;
import ai.lepton.optimizers.Optimizers;

/**
 * Turns an optimizer into its description and back:
 * {@code {"class_name": "Adam", "config": {...}, "iterations": 1875}}, the config being
 * {@link Optimizer#getConfig()} (a learning-rate schedule nested in it). The slots are arrays,
 * stored beside the weights (see {@code docs/model-format.md}). Types come from the optimizer
 * registry ({@link Optimizers}): nothing in a file can make Lepton load a class by name.
 *
 * <pre>{@code
 * Config description = OptimizerCodec.encode(new Adam(3e-4));
 * Optimizer copy = OptimizerCodec.decode(description);
 * }</pre>
 */
public final class OptimizerCodec {
    private OptimizerCodec() {
    }

    /**
     * @param optimizer an optimizer of a registered class
     * @return its type, settings and iteration count
     * @throws IllegalArgumentException for an optimizer class that is not registered, which a file cannot name
     */
    public static Config encode(Optimizer optimizer) {
        return Config.of("optimizer").put("class_name", Optimizers.nameOf(optimizer)).put("config", optimizer.getConfig())
                .put("iterations", optimizer.iterations());
    }

    /**
     * @param description an optimizer's description, as {@link #encode} writes it
     * @return a new optimizer with those settings and that iteration count, without slots
     * @throws ConfigException for an unknown type or invalid settings
     */
    public static Optimizer decode(Config description) {
        String type = description.getString("class_name");
        long iterations = description.getLong("iterations");
        try {
            Optimizer optimizer = Optimizers.fromConfig(type, description.getConfig("config"));
            optimizer.iterations(iterations);
            return optimizer;
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid settings for a " + type + " optimizer: " + e.getMessage());
        }
    }
}
