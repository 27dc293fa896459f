package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MeanAbsoluteErrorTest {
    static List<Golden.LossCase> golden() {
        return Golden.cases("MeanAbsoluteError");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasValuesAndGradients(Golden.LossCase c) {
        Golden.replay(c);
    }

    @Test
    void theDefaultReductionIsTheFormerFormulaBitForBit() {
        Tensor y = Tensor.randn(3, 5, 4);
        Tensor p = Tensor.randn(4, 5, 4).requiresGrad(true);
        Tensor q = Tensor.of(p.toArray(), 5, 4).requiresGrad(true);
        Tensor value = new MeanAbsoluteError().compute(y, p);
        Tensor former = q.sub(y).abs().mean();
        assertEquals(former.item(), value.item(), 0.0);
        value.backward();
        former.backward();
        assertArrayEquals(q.grad().toArray(), p.grad().toArray(), 0.0);
        assertEquals("mean_absolute_error", new MeanAbsoluteError().name());
    }
}
