package ai.lepton.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LionTest {
    static List<Golden.OptimizerCase> golden() {
        return Golden.optimizerCases("Lion.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void followsKerasFormula(Golden.OptimizerCase c) {
        Golden.replay(c, Lion::fromConfig);
    }

    @Test
    void defaultsAndSlotsAreKeras() {
        Lion lion = new Lion();
        assertEquals(0.001, lion.learningRate());
        assertEquals(0.9, lion.getConfig().getDouble("beta_1"));
        assertEquals(0.99, lion.getConfig().getDouble("beta_2"));
        assertEquals(List.of("momentum"), lion.slotNames());
    }

    @Test
    void configRoundTripsAndStateResumes() {
        OptimizerContract.configRoundTrips(new Lion(1e-4).beta1(0.8).beta2(0.95).weightDecay(0.1), Lion::fromConfig);
        OptimizerContract.resumesExactly(() -> new Lion(1e-3).weightDecay(1.0).clipvalue(0.5));
    }

    @Test
    void aBeta1OfZeroIsRejectedAsInKeras() {
        assertEquals("Lion: beta1 must be in (0, 1]. Received: beta1=0.0",
                assertThrows(IllegalArgumentException.class, () -> new Lion().beta1(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Lion().beta2(1.0));
    }
}
