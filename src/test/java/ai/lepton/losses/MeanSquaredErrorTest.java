package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MeanSquaredErrorTest {
    static List<Golden.LossCase> golden() {
        return Golden.cases("MeanSquaredError");
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
        Tensor value = new MeanSquaredError().compute(y, p);
        Tensor former = q.sub(y).pow(2).mean();
        assertEquals(former.item(), value.item(), 0.0);
        value.backward();
        former.backward();
        assertArrayEquals(q.grad().toArray(), p.grad().toArray(), 0.0);
    }

    @Test
    void labelsMustHaveThePredictionsShape() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> new MeanSquaredError().compute(Tensor.zeros(4, 2), Tensor.zeros(4, 1)));
        assertEquals("mean_squared_error: labels of shape (4, 2) do not fit predictions of shape (4, 1): "
                + "expected labels of the predictions' shape (4, 1)", e.getMessage());
    }
}
