package ai.lepton.optimizers.schedules;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import java.util.Arrays;

/**
 * A rate constant between step boundaries, Keras's {@code PiecewiseConstantDecay}:
 * {@code values[0]} while {@code step <= boundaries[0]}, {@code values[i]} while
 * {@code boundaries[i-1] < step <= boundaries[i]}, and the last value after the last boundary.
 *
 * <pre>{@code
 * // 1.0 for the first 100001 steps, 0.5 for the next 10000, then 0.1
 * var schedule = new PiecewiseConstantDecay(new long[] {100_000, 110_000}, new double[] {1.0, 0.5, 0.1});
 * }</pre>
 */
public final class PiecewiseConstantDecay extends LearningRateSchedule {
    private final long[] boundaries;
    private final double[] values;

    /**
     * @param boundaries the steps where the rate changes, strictly increasing, at least one (copied)
     * @param values the rates, one more than the boundaries, each non-negative (copied)
     * @throws IllegalArgumentException if the lengths do not fit, the boundaries do not increase
     *     or a value is negative
     */
    public PiecewiseConstantDecay(long[] boundaries, double[] values) {
        if (boundaries.length == 0 || values.length != boundaries.length + 1) {
            throw new IllegalArgumentException("PiecewiseConstantDecay: needs at least one boundary and one value more than"
                    + " boundaries. Received: boundaries=" + Arrays.toString(boundaries) + " of length " + boundaries.length
                    + ", values=" + Arrays.toString(values) + " of length " + values.length);
        }
        for (int i = 1; i < boundaries.length; i++) {
            if (boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException("PiecewiseConstantDecay: boundaries must increase strictly. Received: boundaries="
                        + Arrays.toString(boundaries));
            }
        }
        for (int i = 0; i < values.length; i++) {
            checkRate("values[" + i + "]", values[i]);
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    @Override
    public double at(long step) {
        int i = 0;
        while (i < boundaries.length && step > boundaries[i]) {
            i++;
        }
        return values[i];
    }

    @Override
    public Config getConfig() {
        return Config.of("PiecewiseConstantDecay")
                .put("boundaries", Arrays.stream(boundaries).boxed().toList())
                .put("values", values);
    }

    /**
     * Rebuilds a schedule from {@link #getConfig()}'s settings (Keras's {@code name} is accepted and ignored).
     *
     * @param config the settings
     * @return a new schedule
     * @throws ConfigException if a setting is missing, of the wrong type, or a boundary is not a whole number
     * @throws IllegalArgumentException if a value is out of range
     */
    public static PiecewiseConstantDecay fromConfig(Config config) {
        config.markRead("name");
        double[] steps = config.getDoubles("boundaries");
        long[] boundaries = new long[steps.length];
        for (int i = 0; i < steps.length; i++) {
            boundaries[i] = (long) steps[i];
            if (boundaries[i] != steps[i]) {
                throw new ConfigException(config.owner() + ": setting 'boundaries' must be a list of whole step numbers. Received: "
                        + Arrays.toString(steps));
            }
        }
        return new PiecewiseConstantDecay(boundaries, config.getDoubles("values"));
    }
}
