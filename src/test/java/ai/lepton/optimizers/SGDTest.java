package ai.lepton.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SGDTest {
    static List<Golden.OptimizerCase> golden() {
        return Golden.optimizerCases("SGD.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void followsKerasFormula(Golden.OptimizerCase c) {
        Golden.replay(c, SGD::fromConfig);
    }

    @Test
    void defaultsAreKeras() {
        SGD sgd = new SGD();
        assertEquals(0.01, sgd.learningRate());
        assertEquals(0.0, sgd.momentum());
        assertFalse(sgd.nesterov());
        assertEquals(List.of(), sgd.slotNames());
        assertEquals(List.of("momentum"), new SGD().momentum(0.9).slotNames());
    }

    @Test
    void configRoundTripsAndStateResumes() {
        OptimizerContract.configRoundTrips(new SGD(0.3).momentum(0.8).nesterov(true).clipvalue(0.5), SGD::fromConfig);
        OptimizerContract.resumesExactly(() -> new SGD(0.1).momentum(0.9).nesterov(true).weightDecay(0.01));
    }

    @Test
    void badMomentumIsAnErrorNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SGD().momentum(1.5));
        assertEquals("SGD: momentum must be in [0, 1). Received: momentum=1.5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SGD(-0.1));
    }

    @Test
    void momentumCannotBeTurnedOnOnceSlotsExist() {
        SGD sgd = new SGD();
        sgd.build(List.of(Tensor.zeros(2)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sgd.momentum(0.9));
        assertTrue(e.getMessage().contains("set momentum before the first update step"), e.getMessage());
    }
}
