package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PoissonTest {
    static List<Golden.LossCase> golden() {
        return Golden.cases("Poisson");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasValuesAndGradients(Golden.LossCase c) {
        Golden.replay(c);
    }

    @Test
    void isMinimalWhereThePredictionIsTheCount() {
        Tensor y = Tensor.of(new double[] {3}, 1, 1);
        double at3 = new Poisson().compute(y, Tensor.of(new double[] {3}, 1, 1)).item();
        assertEquals(3 - 3 * Math.log(3 + Loss.EPSILON), at3, 1e-15);
        assertTrue(at3 < new Poisson().compute(y, Tensor.of(new double[] {2.9}, 1, 1)).item());
        assertTrue(at3 < new Poisson().compute(y, Tensor.of(new double[] {3.1}, 1, 1)).item());
    }
}
