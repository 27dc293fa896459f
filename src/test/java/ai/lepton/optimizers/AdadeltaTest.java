package ai.lepton.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AdadeltaTest {
    static List<Golden.OptimizerCase> golden() {
        return Golden.optimizerCases("Adadelta.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void followsKerasFormula(Golden.OptimizerCase c) {
        Golden.replay(c, Adadelta::fromConfig);
    }

    @Test
    void defaultsAndSlotsAreKeras() {
        Adadelta adadelta = new Adadelta();
        assertEquals(0.001, adadelta.learningRate());
        assertEquals(0.95, adadelta.getConfig().getDouble("rho"));
        assertEquals(1e-7, adadelta.getConfig().getDouble("epsilon"));
        assertEquals(List.of("accumulated_grad", "accumulated_delta_var"), adadelta.slotNames());
    }

    @Test
    void configRoundTripsAndStateResumes() {
        OptimizerContract.configRoundTrips(new Adadelta(1.0).rho(0.9).epsilon(1e-6), Adadelta::fromConfig);
        OptimizerContract.resumesExactly(() -> new Adadelta(1.0).weightDecay(0.01).useEma(true));
    }

    @Test
    void badSettingsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> new Adadelta().rho(1.0));
        assertThrows(IllegalArgumentException.class, () -> new Adadelta().epsilon(-1));
        assertThrows(IllegalArgumentException.class, () -> new Adadelta(0));
    }
}
