package ai.lepton.optimizers;

import ai.lepton.config.Config;
import ai.lepton.optimizers.schedules.LearningRateSchedule;

/**
 * Adam (Kingma and Ba 2014), Keras 3's update rule at step {@code t} (1-based):
 * <pre>
 * m = m + (g - m) * (1 - beta1)          (= beta1 * m + (1 - beta1) * g)
 * v = v + (g^2 - v) * (1 - beta2)        (= beta2 * v + (1 - beta2) * g^2)
 * amsgrad:  vHat = max(vHat, v);  v = vHat
 * alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
 * w -= alpha * m / (sqrt(v) + epsilon)
 * </pre>
 * Defaults as Keras: lr 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7, no AMSGrad, no weight decay.
 * Slots: {@code m}, {@code v}, and {@code velocity_hat} with AMSGrad.
 *
 * <pre>{@code
 * model.compile(new Adam(3e-4).beta2(0.99).clipnorm(1.0), "categorical_crossentropy", "accuracy");
 * }</pre>
 */
public final class Adam extends AbstractAdam<Adam> {
    /** Adam with Keras's default learning rate 0.001. */
    public Adam() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** @param learningRate the learning rate, positive */
    public Adam(double learningRate) {
        super(learningRate);
    }

    /** @param schedule the learning rate as a function of the step count */
    public Adam(LearningRateSchedule schedule) {
        super(schedule);
    }

    /**
     * Rebuilds an optimizer from {@link #getConfig()}'s settings; absent settings take Keras's defaults.
     *
     * @param config the settings
     * @return a new optimizer, without state
     * @throws ai.lepton.config.ConfigException if a setting is of the wrong type
     * @throws IllegalArgumentException if a value is out of range
     */
    public static Adam fromConfig(Config config) {
        return fromBaseConfig(config, DEFAULT_LEARNING_RATE, Adam::new, Adam::new).adamSettings(config);
    }

    @Override
    public String name() {
        return "adam";
    }
}
