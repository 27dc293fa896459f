package ai.lepton.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.optimizers.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExponentialDecayTest {
    static List<Golden.ScheduleCase> golden() {
        return Golden.scheduleCases("ExponentialDecay");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void followsKerasFormulaAcrossItsBoundaries(Golden.ScheduleCase c) {
        ScheduleContract.matchesGolden(c, ExponentialDecay::fromConfig);
    }

    @Test
    void configRoundTrips() {
        ScheduleContract.configRoundTrips(new ExponentialDecay(0.1, 1000, 0.96).staircase(true), ExponentialDecay::fromConfig);
    }

    @Test
    void badSettingsAreErrorsNamingTheValue() {
        assertEquals("ExponentialDecay: decaySteps must be positive. Received: decaySteps=0",
                assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.1, 0, 0.9)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(-0.1, 10, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.1, 10, 0));
    }
}
