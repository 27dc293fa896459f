package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KLDivergenceTest {
    static List<Golden.LossCase> golden() {
        return Golden.cases("KLDivergence");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasValuesAndGradients(Golden.LossCase c) {
        Golden.replay(c);
    }

    @Test
    void isZeroForEqualDistributions() {
        Tensor p = Tensor.of(new double[] {0.2, 0.3, 0.5}, 1, 3);
        assertEquals(0.0, new KLDivergence().compute(p, p).item());
        assertEquals("kl_divergence", new KLDivergence().name());
        assertThrows(ShapeException.class, () -> new KLDivergence().compute(Tensor.zeros(2, 2), Tensor.zeros(2, 3)));
    }
}
