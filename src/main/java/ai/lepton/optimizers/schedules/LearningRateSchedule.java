package ai.lepton.optimizers.schedules;

import ai.lepton.config.Config;

/**
 * A learning rate that changes with the optimizer's step count, as Keras's
 * {@code keras.optimizers.schedules.LearningRateSchedule}: an optimizer given a schedule where it
 * takes a rate asks it for the rate at every step, with the number of steps taken so far (0 for
 * the first step).
 *
 * <p>To write one of your own, implement {@link #at} and {@link #getConfig}, and register it with
 * {@link LearningRateSchedules#register} so that a saved model can name it.
 *
 * <pre>{@code
 * LearningRateSchedule schedule = new ExponentialDecay(0.1, 1000, 0.96);
 * Optimizer sgd = new SGD(schedule);
 * double atStart = schedule.at(0);   // 0.1
 * }</pre>
 */
public abstract class LearningRateSchedule {
    /** For subclasses. */
    protected LearningRateSchedule() {
    }

    /**
     * The learning rate for a step, as Keras's {@code schedule(step)}.
     *
     * @param step the number of optimizer steps taken before this one, from 0
     * @return the learning rate
     */
    public abstract double at(long step);

    /**
     * The settings, as Keras's {@code get_config()}, under Keras's names; they rebuild the
     * schedule through its registered factory.
     *
     * @return a new config
     */
    public abstract Config getConfig();

    /**
     * Checks a setting's range at construction time.
     *
     * @param name the setting, for the message
     * @param value the value received
     * @param ok whether it is acceptable
     * @param rule the rule, in words
     * @return {@code value}
     * @throws IllegalArgumentException if it is not acceptable, naming the schedule, setting and value
     */
    protected final double check(String name, double value, boolean ok, String rule) {
        if (!ok) {
            throw invalid(name, value, rule);
        }
        return value;
    }

    /**
     * Checks a learning rate a schedule starts or ends at, which may be 0 (a warm-up starts there).
     *
     * @param name the setting, for the message
     * @param value the value received
     * @return {@code value}
     * @throws IllegalArgumentException if it is negative, infinite or NaN
     */
    protected final double checkRate(String name, double value) {
        return check(name, value, value >= 0 && value < Double.POSITIVE_INFINITY, "non-negative and finite");
    }

    /**
     * Checks a number of steps that a division takes place by.
     *
     * @param name the setting, for the message
     * @param value the value received
     * @return {@code value}
     * @throws IllegalArgumentException if it is not positive
     */
    protected final long checkSteps(String name, long value) {
        if (value <= 0) {
            throw invalid(name, value, "positive");
        }
        return value;
    }

    private IllegalArgumentException invalid(String name, Object value, String rule) {
        return new IllegalArgumentException(getClass().getSimpleName() + ": " + name + " must be " + rule
                + ". Received: " + name + "=" + value);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + getConfig();
    }
}
