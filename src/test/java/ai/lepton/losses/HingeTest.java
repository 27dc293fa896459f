package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HingeTest {
    static List<Golden.LossCase> golden() {
        return Golden.cases("Hinge");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasValuesAndGradients(Golden.LossCase c) {
        Golden.replay(c);
    }

    @Test
    void zeroOneLabelsAreReadAsMinusOneOneForTheWholeBatchOnly() {
        Tensor p = Tensor.of(new double[] {0.5, 0.5}, 1, 2);
        double binary = new Hinge().compute(Tensor.of(new double[] {0, 1}, 1, 2), p).item();
        assertEquals((1.5 + 0.5) / 2, binary);
        double signed = new Hinge().compute(Tensor.of(new double[] {-1, 1}, 1, 2), p).item();
        assertEquals(binary, signed);
        assertEquals((1.0 + 0.75) / 2, new Hinge().compute(Tensor.of(new double[] {0, 0.5}, 1, 2), p).item());
    }
}
