package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MeanAbsolutePercentageErrorTest {
    static List<Golden.LossCase> golden() {
        return Golden.cases("MeanAbsolutePercentageError");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasValuesAndGradients(Golden.LossCase c) {
        Golden.replay(c);
    }

    @Test
    void isTheErrorInPercentOfTheTarget() {
        Tensor y = Tensor.of(new double[] {2, -4}, 1, 2);
        assertEquals((50 + 25) / 2.0, new MeanAbsolutePercentageError().compute(y, Tensor.of(new double[] {3, -3}, 1, 2)).item(), 1e-12);
        assertEquals("mean_absolute_percentage_error", new MeanAbsolutePercentageError().name());
    }
}
