package ai.lepton.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.optimizers.schedules.ExponentialDecay;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NadamTest {
    static List<Golden.OptimizerCase> golden() {
        return Golden.optimizerCases("Nadam.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void followsKerasFormula(Golden.OptimizerCase c) {
        Golden.replay(c, Nadam::fromConfig);
    }

    @Test
    void defaultsAndSlotsAreKeras() {
        Nadam nadam = new Nadam();
        assertEquals(0.001, nadam.learningRate());
        assertEquals(0.9, nadam.getConfig().getDouble("beta_1"));
        assertEquals(0.999, nadam.getConfig().getDouble("beta_2"));
        assertEquals(1e-7, nadam.getConfig().getDouble("epsilon"));
        assertEquals(List.of("momentum", "velocity"), nadam.slotNames());
    }

    /** The momentum product Keras keeps as a variable is rebuilt from the step count on resume. */
    @Test
    void configRoundTripsAndStateResumes() {
        OptimizerContract.configRoundTrips(new Nadam(0.002).beta1(0.85).beta2(0.99).epsilon(1e-6), Nadam::fromConfig);
        OptimizerContract.resumesExactly(() -> new Nadam(new ExponentialDecay(0.01, 2, 0.9)).beta1(0.8).weightDecay(0.1));
    }

    @Test
    void badSettingsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> new Nadam().beta1(1.0));
        assertThrows(IllegalArgumentException.class, () -> new Nadam().beta2(2.0));
        assertThrows(IllegalArgumentException.class, () -> new Nadam().epsilon(0));
        Nadam built = new Nadam();
        built.build(List.of(Tensor.zeros(1)));
        assertThrows(IllegalStateException.class, () -> built.beta1(0.5));
    }
}
