package ai.lepton.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.config.Config;
import ai.lepton.optimizers.Golden;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** What every schedule promises: the golden values, and a config that rebuilds it. */
final class ScheduleContract {
    private ScheduleContract() {
    }

    /**
     * The schedule built from the case's Keras config gives the golden values at the case's steps.
     *
     * @param c the case
     * @param fromConfig the schedule's {@code fromConfig}
     */
    static void matchesGolden(Golden.ScheduleCase c, Function<Config, ? extends LearningRateSchedule> fromConfig) {
        Config config = c.config().copy();
        LearningRateSchedule schedule = fromConfig.apply(config);
        assertEquals(List.of(), config.unread(), c + ": settings fromConfig did not read");
        double[] values = new double[c.steps().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = schedule.at(c.steps()[i]);
        }
        Golden.assertClose(c.values(), values, c + " at steps " + Arrays.toString(c.steps()));
    }

    /**
     * The config reads back into an equal schedule, directly and through the registry's serialized form.
     *
     * @param schedule a schedule with settings of interest
     * @param fromConfig its class's {@code fromConfig}
     */
    static void configRoundTrips(LearningRateSchedule schedule, Function<Config, ? extends LearningRateSchedule> fromConfig) {
        Config config = schedule.getConfig();
        LearningRateSchedule copy = fromConfig.apply(config);
        assertEquals(List.of(), config.unread());
        assertEquals(schedule.getClass(), copy.getClass());
        assertEquals(schedule.getConfig(), copy.getConfig());
        LearningRateSchedule viaRegistry = LearningRateSchedules.deserialize(LearningRateSchedules.serialize(schedule));
        assertEquals(schedule.getConfig(), viaRegistry.getConfig());
        for (long step : new long[] {0, 1, 7, 100}) {
            assertEquals(schedule.at(step), copy.at(step), 0.0);
        }
    }
}
