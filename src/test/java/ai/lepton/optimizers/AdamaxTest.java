package ai.lepton.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AdamaxTest {
    static List<Golden.OptimizerCase> golden() {
        return Golden.optimizerCases("Adamax.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void followsKerasFormula(Golden.OptimizerCase c) {
        Golden.replay(c, Adamax::fromConfig);
    }

    @Test
    void defaultsAndSlotsAreKeras() {
        Adamax adamax = new Adamax();
        assertEquals(0.001, adamax.learningRate());
        assertEquals(0.9, adamax.getConfig().getDouble("beta_1"));
        assertEquals(0.999, adamax.getConfig().getDouble("beta_2"));
        assertEquals(1e-7, adamax.getConfig().getDouble("epsilon"));
        assertEquals(List.of("momentum", "norm"), adamax.slotNames());
    }

    @Test
    void configRoundTripsAndStateResumes() {
        OptimizerContract.configRoundTrips(new Adamax(0.002).beta1(0.8).beta2(0.9).epsilon(1e-5), Adamax::fromConfig);
        OptimizerContract.resumesExactly(() -> new Adamax(0.01).globalClipnorm(2.0).useEma(true).emaMomentum(0.5));
    }

    @Test
    void badSettingsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> new Adamax().beta1(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Adamax().beta2(1.0));
        assertThrows(IllegalArgumentException.class, () -> new Adamax().epsilon(Double.NaN));
    }
}
