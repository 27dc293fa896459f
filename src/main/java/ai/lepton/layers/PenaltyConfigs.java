package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;

/**
 * How the sequence layers write their regularizers and constraints in a config, as Keras does:
 * {@code null} for none, otherwise a nested {@code {"class_name": ..., "config": {...}}}. Reading
 * one back needs a registry of regularizer and constraint classes, which Lepton does not have
 * yet; until it does, a config naming one is refused with that explanation rather than loaded
 * without its penalty.
 */
final class PenaltyConfigs {
    private PenaltyConfigs() {
    }

    /**
     * @param key the setting's name, e.g. {@code kernel_regularizer}
     * @param regularizer a regularizer, or {@code null}
     * @return its config value
     */
    static Config write(String key, Regularizer regularizer) {
        return regularizer == null ? null
                : Config.of(key).put("class_name", regularizer.getClass().getSimpleName()).put("config", regularizer.getConfig());
    }

    /**
     * @param key the setting's name, e.g. {@code kernel_constraint}
     * @param constraint a constraint, or {@code null}
     * @return its config value
     */
    static Config write(String key, Constraint constraint) {
        return constraint == null ? null
                : Config.of(key).put("class_name", constraint.getClass().getSimpleName()).put("config", constraint.getConfig());
    }

    /**
     * Checks that a config names no regularizer or constraint under {@code key}.
     *
     * @param config the layer's config
     * @param key the setting's name
     * @throws ConfigException if it names one, which cannot be rebuilt yet
     */
    static void requireNone(Config config, String key) {
        Object value = config.get(key);
        if (value != null) {
            throw new ConfigException(config.owner() + ": " + key + " " + value + " cannot be rebuilt from a config: "
                    + "Lepton has no registry of regularizer and constraint classes yet; set it again after loading");
        }
    }
}
