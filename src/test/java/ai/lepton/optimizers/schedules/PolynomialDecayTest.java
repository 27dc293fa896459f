package ai.lepton.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.config.Config;
import ai.lepton.optimizers.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PolynomialDecayTest {
    static List<Golden.ScheduleCase> golden() {
        return Golden.scheduleCases("PolynomialDecay");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void followsKerasFormulaAcrossItsBoundaries(Golden.ScheduleCase c) {
        ScheduleContract.matchesGolden(c, PolynomialDecay::fromConfig);
    }

    @Test
    void defaultsAreKeras() {
        Config config = new PolynomialDecay(0.1, 10).getConfig();
        assertEquals(0.0001, config.getDouble("end_learning_rate"));
        assertEquals(1.0, config.getDouble("power"));
        assertEquals(false, config.getBoolean("cycle"));
    }

    @Test
    void configRoundTrips() {
        ScheduleContract.configRoundTrips(new PolynomialDecay(0.1, 10).endLearningRate(0.01).power(0.5).cycle(true),
                PolynomialDecay::fromConfig);
    }

    @Test
    void badSettingsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> new PolynomialDecay(0.1, -1));
        assertThrows(IllegalArgumentException.class, () -> new PolynomialDecay(0.1, 10).endLearningRate(-0.01));
        assertThrows(IllegalArgumentException.class, () -> new PolynomialDecay(0.1, 10).power(0));
    }
}
