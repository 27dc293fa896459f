package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CategoricalHingeTest {
    static List<Golden.LossCase> golden() {
        return Golden.cases("CategoricalHinge");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasValuesAndGradients(Golden.LossCase c) {
        Golden.replay(c);
    }

    @Test
    void theTrueClassMustBeatTheBestOtherByOne() {
        Tensor y = Tensor.of(new double[] {0, 1, 0}, 1, 3);
        assertEquals(0.0, new CategoricalHinge().compute(y, Tensor.of(new double[] {0.1, 2.0, 1.0}, 1, 3)).item());
        assertEquals(1.5, new CategoricalHinge().compute(y, Tensor.of(new double[] {0.1, 1.0, 1.5}, 1, 3)).item());
    }
}
