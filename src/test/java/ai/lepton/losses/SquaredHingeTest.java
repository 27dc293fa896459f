package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SquaredHingeTest {
    static List<Golden.LossCase> golden() {
        return Golden.cases("SquaredHinge");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasValuesAndGradients(Golden.LossCase c) {
        Golden.replay(c);
    }

    @Test
    void isTheSquareOfTheHinge() {
        Tensor y = Tensor.of(new double[] {1, -1}, 1, 2);
        Tensor p = Tensor.of(new double[] {0.25, 0.5}, 1, 2);
        assertEquals((0.75 * 0.75 + 1.5 * 1.5) / 2, new SquaredHinge().compute(y, p).item());
        assertEquals("squared_hinge", new SquaredHinge().name());
    }
}
