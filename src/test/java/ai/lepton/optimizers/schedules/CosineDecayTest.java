package ai.lepton.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.config.Config;
import ai.lepton.optimizers.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CosineDecayTest {
    static List<Golden.ScheduleCase> golden() {
        return Golden.scheduleCases("CosineDecay");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void followsKerasFormulaAcrossItsBoundaries(Golden.ScheduleCase c) {
        ScheduleContract.matchesGolden(c, CosineDecay::fromConfig);
    }

    @Test
    void defaultsAreKerasWithoutWarmup() {
        Config config = new CosineDecay(0.1, 10).getConfig();
        assertEquals(0.0, config.getDouble("alpha"));
        assertNull(config.get("warmup_target"));
        assertEquals(0, config.getLong("warmup_steps"));
    }

    @Test
    void configRoundTrips() {
        ScheduleContract.configRoundTrips(new CosineDecay(0.0, 100).alpha(0.1).warmupTarget(0.01).warmupSteps(10),
                CosineDecay::fromConfig);
        ScheduleContract.configRoundTrips(new CosineDecay(0.1, 100), CosineDecay::fromConfig);
    }

    @Test
    void badSettingsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> new CosineDecay(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineDecay(0.1, 10).alpha(1.5));
        assertThrows(IllegalArgumentException.class, () -> new CosineDecay(0.1, 10).warmupTarget(-1));
        assertThrows(IllegalArgumentException.class, () -> new CosineDecay(0.1, 10).warmupSteps(-1));
    }
}
