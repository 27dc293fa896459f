package ai.lepton.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AdagradTest {
    static List<Golden.OptimizerCase> golden() {
        return Golden.optimizerCases("Adagrad.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void followsKerasFormula(Golden.OptimizerCase c) {
        Golden.replay(c, Adagrad::fromConfig);
    }

    @Test
    void defaultsAreKerasAndTheAccumulatorStartsAtItsInitialValue() {
        Adagrad adagrad = new Adagrad();
        assertEquals(0.001, adagrad.learningRate());
        assertEquals(1e-7, adagrad.getConfig().getDouble("epsilon"));
        assertEquals(List.of("accumulator"), adagrad.slotNames());
        adagrad.build(List.of(Tensor.zeros(3)));
        assertArrayEquals(new double[] {0.1, 0.1, 0.1}, adagrad.variables().get(0).toArray(), 0.0);
    }

    @Test
    void configRoundTripsAndStateResumes() {
        OptimizerContract.configRoundTrips(new Adagrad(0.1).initialAccumulatorValue(0.0).epsilon(1e-6), Adagrad::fromConfig);
        OptimizerContract.resumesExactly(() -> new Adagrad(0.1).initialAccumulatorValue(0.5).clipnorm(0.3));
    }

    @Test
    void badSettingsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> new Adagrad().initialAccumulatorValue(-1));
        assertThrows(IllegalArgumentException.class, () -> new Adagrad().epsilon(0));
        Adagrad built = new Adagrad();
        built.build(List.of(Tensor.zeros(1)));
        assertThrows(IllegalStateException.class, () -> built.initialAccumulatorValue(1.0));
    }
}
