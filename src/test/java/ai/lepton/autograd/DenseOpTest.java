package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DenseOpTest {
    private static final double GRAD_TOLERANCE = 1e-6;

    @Test
    void valuesAreTheMatrixProductPlusBiasThenRectified() {
        Tensor x = Tensor.randn(1, 2, 3, 4);
        Tensor kernel = Tensor.randn(2, 4, 5);
        Tensor bias = Tensor.randn(3, 5);
        Tensor reference = x.matmul(kernel).add(bias);
        assertArrayEquals(reference.toArray(), DenseOp.apply(x, kernel, bias, false).toArray(), 0.0);
        assertArrayEquals(reference.relu().toArray(), DenseOp.apply(x, kernel, bias, true).toArray(), 0.0);
        assertArrayEquals(x.matmul(kernel).toArray(), DenseOp.apply(x, kernel, null, false).toArray(), 0.0);
        assertArrayEquals(new int[] {2, 3, 5}, DenseOp.apply(x, kernel, bias, true).shape());
    }

    @Test
    void gradientsWithReluAndBias() {
        Tensor x = Tensor.randn(4, 6, 4).requiresGrad(true);
        Tensor kernel = Tensor.randn(5, 4, 3).requiresGrad(true);
        Tensor bias = Tensor.randn(6, 3).requiresGrad(true);
        Tensor weights = Tensor.randn(7, 6, 3);
        GradCheck.Result r = GradCheck.check(in -> DenseOp.apply(in[0], in[1], in[2], true).mul(weights).sum(),
                x, kernel, bias);
        assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
    }

    @Test
    void gradientsWithoutActivationOrBias() {
        Tensor x = Tensor.randn(8, 2, 3, 4).requiresGrad(true);
        Tensor kernel = Tensor.randn(9, 4, 2).requiresGrad(true);
        Tensor weights = Tensor.randn(10, 2, 3, 2);
        GradCheck.Result r = GradCheck.check(in -> DenseOp.apply(in[0], in[1], null, false).mul(weights).sum(),
                x, kernel);
        assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
    }

    @Test
    void shapeErrorsNameTheOpAndTheShapes() {
        Tensor x = Tensor.zeros(2, 4);
        ShapeException e = assertThrows(ShapeException.class, () -> DenseOp.apply(x, Tensor.zeros(3, 5), null, false));
        assertTrue(e.getMessage().contains("dense"), e.getMessage());
        assertThrows(ShapeException.class, () -> DenseOp.apply(x, Tensor.zeros(4, 5), Tensor.zeros(4), false));
    }
}
