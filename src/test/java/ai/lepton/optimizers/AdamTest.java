package ai.lepton.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AdamTest {
    static List<Golden.OptimizerCase> golden() {
        return Golden.optimizerCases("Adam.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void followsKerasFormula(Golden.OptimizerCase c) {
        Golden.replay(c, Adam::fromConfig);
    }

    @Test
    void defaultsAreKeras() {
        Adam adam = new Adam();
        assertEquals(0.001, adam.learningRate());
        assertEquals(0.9, adam.beta1());
        assertEquals(0.999, adam.beta2());
        assertEquals(1e-7, adam.epsilon());
        assertFalse(adam.amsgrad());
        assertNull(adam.getConfig().get("weight_decay"));
        assertEquals(List.of("m", "v"), adam.slotNames());
        assertEquals(List.of("m", "v", "velocity_hat"), new Adam().amsgrad(true).slotNames());
    }

    @Test
    void configRoundTripsAndStateResumes() {
        OptimizerContract.configRoundTrips(new Adam(2e-4).beta1(0.8).beta2(0.95).epsilon(1e-6).amsgrad(true), Adam::fromConfig);
        OptimizerContract.resumesExactly(() -> new Adam(0.01).amsgrad(true).clipnorm(1.0).useEma(true));
    }

    @Test
    void badSettingsAreErrorsNamingTheValue() {
        assertEquals("Adam: beta1 must be in [0, 1). Received: beta1=1.0",
                assertThrows(IllegalArgumentException.class, () -> new Adam().beta1(1.0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam().beta2(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Adam().epsilon(0));
        Adam built = new Adam();
        built.build(List.of(Tensor.zeros(3)));
        assertThrows(IllegalStateException.class, () -> built.amsgrad(true));
    }
}
