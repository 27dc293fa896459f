package ai.lepton.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.optimizers.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PiecewiseConstantDecayTest {
    static List<Golden.ScheduleCase> golden() {
        return Golden.scheduleCases("PiecewiseConstantDecay");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void followsKerasFormulaAcrossItsBoundaries(Golden.ScheduleCase c) {
        ScheduleContract.matchesGolden(c, PiecewiseConstantDecay::fromConfig);
    }

    @Test
    void configRoundTrips() {
        ScheduleContract.configRoundTrips(new PiecewiseConstantDecay(new long[] {5, 10}, new double[] {1.0, 0.5, 0.1}),
                PiecewiseConstantDecay::fromConfig);
    }

    @Test
    void theArraysAreCopiedIn() {
        long[] boundaries = {5};
        double[] values = {1.0, 0.5};
        PiecewiseConstantDecay schedule = new PiecewiseConstantDecay(boundaries, values);
        boundaries[0] = 0;
        values[0] = 7;
        assertEquals(1.0, schedule.at(5));
    }

    @Test
    void badSettingsAreErrorsNamingTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseConstantDecay(new long[] {5, 10}, new double[] {1.0, 0.5}));
        assertEquals("PiecewiseConstantDecay: needs at least one boundary and one value more than boundaries. Received:"
                + " boundaries=[5, 10] of length 2, values=[1.0, 0.5] of length 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PiecewiseConstantDecay(new long[] {}, new double[] {1.0}));
        assertThrows(IllegalArgumentException.class, () -> new PiecewiseConstantDecay(new long[] {5, 5}, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> new PiecewiseConstantDecay(new long[] {5}, new double[] {1, -2}));
        assertThrows(ConfigException.class, () -> PiecewiseConstantDecay.fromConfig(
                Config.of("PiecewiseConstantDecay").put("boundaries", List.of(2.5)).put("values", List.of(1.0, 0.5))));
    }
}
