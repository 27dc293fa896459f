package ai.lepton.optimizers;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.optimizers.schedules.LearningRateSchedule;

/**
 * AdamW (Loshchilov and Hutter 2019): {@link Adam} with decoupled weight decay on by default, as
 * Keras's {@code AdamW}. Before each Adam update every weight with a gradient decays,
 * {@code w -= w * weightDecay * lr}; the decay is not part of the gradient, so Adam's moments never
 * see it. Defaults as Keras: lr 0.001, weight decay 0.004, beta1 0.9, beta2 0.999, epsilon 1e-7.
 *
 * <pre>{@code
 * Optimizer adamw = new AdamW(1e-3).weightDecay(0.01).globalClipnorm(1.0);
 * }</pre>
 */
public final class AdamW extends AbstractAdam<AdamW> {
    private static final double DEFAULT_WEIGHT_DECAY = 0.004;

    /** AdamW with Keras's defaults: learning rate 0.001, weight decay 0.004. */
    public AdamW() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** @param learningRate the learning rate, positive */
    public AdamW(double learningRate) {
        super(learningRate);
        weightDecay(DEFAULT_WEIGHT_DECAY);
    }

    /** @param schedule the learning rate as a function of the step count */
    public AdamW(LearningRateSchedule schedule) {
        super(schedule);
        weightDecay(DEFAULT_WEIGHT_DECAY);
    }

    /**
     * Rebuilds an optimizer from {@link #getConfig()}'s settings; absent settings take Keras's
     * defaults, but {@code weight_decay} may not be null (as in Keras, AdamW always decays).
     *
     * @param config the settings
     * @return a new optimizer, without state
     * @throws ConfigException if a setting is of the wrong type, or {@code weight_decay} is null
     * @throws IllegalArgumentException if a value is out of range
     */
    public static AdamW fromConfig(Config config) {
        if (config.has("weight_decay") && config.get("weight_decay") == null) {
            throw new ConfigException(config.owner() + ": setting 'weight_decay' must be a number for AdamW. Received: null");
        }
        return fromBaseConfig(config, DEFAULT_LEARNING_RATE, AdamW::new, AdamW::new).adamSettings(config);
    }

    @Override
    public String name() {
        return "adamw";
    }
}
