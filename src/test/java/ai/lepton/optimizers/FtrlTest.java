package ai.lepton.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FtrlTest {
    static List<Golden.OptimizerCase> golden() {
        return Golden.optimizerCases("Ftrl.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void followsKerasFormula(Golden.OptimizerCase c) {
        Golden.replay(c, Ftrl::fromConfig);
    }

    @Test
    void defaultsAreKerasAndOnlyTheAccumulatorStartsAboveZero() {
        Ftrl ftrl = new Ftrl();
        assertEquals(0.001, ftrl.learningRate());
        assertEquals(-0.5, ftrl.getConfig().getDouble("learning_rate_power"));
        assertEquals(0.0, ftrl.getConfig().getDouble("beta"));
        assertEquals(List.of("accumulator", "linear"), ftrl.slotNames());
        ftrl.build(List.of(Tensor.zeros(2)));
        assertArrayEquals(new double[] {0.1, 0.1}, ftrl.variables().get(0).toArray(), 0.0);
        assertArrayEquals(new double[] {0.0, 0.0}, ftrl.variables().get(1).toArray(), 0.0);
    }

    @Test
    void configRoundTripsAndStateResumes() {
        Ftrl ftrl = new Ftrl(0.1).learningRatePower(-0.3).initialAccumulatorValue(0.2).l1RegularizationStrength(0.05)
                .l2RegularizationStrength(0.01).l2ShrinkageRegularizationStrength(0.02).beta(0.5);
        OptimizerContract.configRoundTrips(ftrl, Ftrl::fromConfig);
        OptimizerContract.resumesExactly(() -> new Ftrl(0.1).l1RegularizationStrength(0.01).beta(0.2).useEma(true));
    }

    @Test
    void badSettingsAreErrorsAsInKeras() {
        assertEquals("Ftrl: learningRatePower must be zero or negative, and finite. Received: learningRatePower=0.5",
                assertThrows(IllegalArgumentException.class, () -> new Ftrl().learningRatePower(0.5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Ftrl().initialAccumulatorValue(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Ftrl().l1RegularizationStrength(-1));
        assertThrows(IllegalArgumentException.class, () -> new Ftrl().l2RegularizationStrength(-1));
        assertThrows(IllegalArgumentException.class, () -> new Ftrl().l2ShrinkageRegularizationStrength(-1));
        assertThrows(IllegalArgumentException.class, () -> new Ftrl().beta(-1));
    }
}
