package ai.lepton.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.config.Config;
import ai.lepton.optimizers.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CosineDecayRestartsTest {
    static List<Golden.ScheduleCase> golden() {
        return Golden.scheduleCases("CosineDecayRestarts");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void followsKerasFormulaAcrossItsRestarts(Golden.ScheduleCase c) {
        ScheduleContract.matchesGolden(c, CosineDecayRestarts::fromConfig);
    }

    @Test
    void defaultsAreKeras() {
        Config config = new CosineDecayRestarts(0.1, 10).getConfig();
        assertEquals(2.0, config.getDouble("t_mul"));
        assertEquals(1.0, config.getDouble("m_mul"));
        assertEquals(0.0, config.getDouble("alpha"));
    }

    @Test
    void configRoundTrips() {
        ScheduleContract.configRoundTrips(new CosineDecayRestarts(0.1, 10).tMul(1.5).mMul(0.5).alpha(0.05),
                CosineDecayRestarts::fromConfig);
    }

    @Test
    void badSettingsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> new CosineDecayRestarts(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineDecayRestarts(0.1, 10).tMul(0));
        assertThrows(IllegalArgumentException.class, () -> new CosineDecayRestarts(0.1, 10).mMul(-1));
        assertThrows(IllegalArgumentException.class, () -> new CosineDecayRestarts(0.1, 10).alpha(-0.5));
    }
}
