package ai.lepton.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.optimizers.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InverseTimeDecayTest {
    static List<Golden.ScheduleCase> golden() {
        return Golden.scheduleCases("InverseTimeDecay");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void followsKerasFormulaAcrossItsBoundaries(Golden.ScheduleCase c) {
        ScheduleContract.matchesGolden(c, InverseTimeDecay::fromConfig);
    }

    @Test
    void configRoundTrips() {
        ScheduleContract.configRoundTrips(new InverseTimeDecay(0.1, 2.5, 0.5).staircase(true), InverseTimeDecay::fromConfig);
    }

    @Test
    void badSettingsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> new InverseTimeDecay(0.1, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new InverseTimeDecay(0.1, 1, -0.5));
        assertThrows(IllegalArgumentException.class, () -> new InverseTimeDecay(Double.NaN, 1, 0.5));
    }
}
