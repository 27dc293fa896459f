package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MeanSquaredLogarithmicErrorTest {
    static List<Golden.LossCase> golden() {
        return Golden.cases("MeanSquaredLogarithmicError");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasValuesAndGradients(Golden.LossCase c) {
        Golden.replay(c);
    }

    @Test
    void comparesLogarithmsOfOnePlusTheValuesAtLeastEpsilon() {
        Tensor y = Tensor.of(new double[] {Math.E - 1}, 1, 1);
        double expected = Math.pow(1 - Math.log1p(Loss.EPSILON), 2);
        assertEquals(expected, new MeanSquaredLogarithmicError().compute(y, Tensor.zeros(1, 1)).item(), 1e-15);
        assertEquals("mean_squared_logarithmic_error", new MeanSquaredLogarithmicError().name());
    }
}
