package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HuberTest {
    static List<Golden.LossCase> golden() {
        return Golden.cases("Huber");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasValuesAndGradients(Golden.LossCase c) {
        Golden.replay(c);
    }

    @Test
    void deltaDefaultsToKerasAndMustBeNonNegative() {
        assertEquals(1.0, new Huber().delta());
        assertEquals("huber_loss", new Huber().name());
        assertEquals(0.5, new Huber(0.5).getConfig().getDouble("delta"));
        assertEquals("huber_loss: delta must be non-negative and finite. Received: delta=-1.0",
                assertThrows(IllegalArgumentException.class, () -> new Huber(-1)).getMessage());
    }

    @Test
    void isQuadraticInsideDeltaAndLinearBeyond() {
        Tensor y = Tensor.zeros(1, 2);
        assertEquals((0.5 * 0.25 + (2 * 3 - 0.5 * 4)) / 2, new Huber(2).compute(y, Tensor.of(new double[] {0.5, -3}, 1, 2)).item());
    }
}
