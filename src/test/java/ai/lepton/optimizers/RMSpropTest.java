package ai.lepton.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RMSpropTest {
    static List<Golden.OptimizerCase> golden() {
        return Golden.optimizerCases("RMSprop.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void followsKerasFormula(Golden.OptimizerCase c) {
        Golden.replay(c, RMSprop::fromConfig);
    }

    @Test
    void defaultsAndSlotsAreKeras() {
        RMSprop rms = new RMSprop();
        assertEquals(0.001, rms.learningRate());
        assertEquals(0.9, rms.getConfig().getDouble("rho"));
        assertEquals(1e-7, rms.getConfig().getDouble("epsilon"));
        assertEquals(List.of("velocity"), rms.slotNames());
        assertEquals(List.of("velocity", "average_gradient"), new RMSprop().centered(true).slotNames());
        assertEquals(List.of("velocity", "momentum", "average_gradient", "average"),
                new RMSprop().momentum(0.5).centered(true).useEma(true).slotNames());
    }

    @Test
    void configRoundTripsAndStateResumes() {
        OptimizerContract.configRoundTrips(new RMSprop(0.01).rho(0.8).momentum(0.3).epsilon(1e-5).centered(true),
                RMSprop::fromConfig);
        OptimizerContract.resumesExactly(() -> new RMSprop(0.01).momentum(0.5).centered(true).useEma(true).clipvalue(1.0));
    }

    @Test
    void badSettingsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> new RMSprop().rho(1.0));
        assertThrows(IllegalArgumentException.class, () -> new RMSprop().momentum(-0.5));
        assertThrows(IllegalArgumentException.class, () -> new RMSprop().epsilon(-1e-7));
    }
}
