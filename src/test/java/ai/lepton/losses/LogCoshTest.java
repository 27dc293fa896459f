package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LogCoshTest {
    static List<Golden.LossCase> golden() {
        return Golden.cases("LogCosh");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasValuesAndGradients(Golden.LossCase c) {
        Golden.replay(c);
    }

    @Test
    void isAboutHalfTheSquareForSmallErrorsAndTheErrorLessLog2ForLargeOnes() {
        Tensor small = Tensor.of(new double[] {1e-3}, 1, 1);
        assertEquals(Math.log(Math.cosh(1e-3)), new LogCosh().compute(Tensor.zeros(1, 1), small).item(), 1e-15);
        assertEquals(100 - Math.log(2), new LogCosh().compute(Tensor.zeros(1, 1), Tensor.of(new double[] {100}, 1, 1)).item(), 1e-12);
        assertEquals("log_cosh", new LogCosh().name());
    }
}
