package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.autograd.GradCheck;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlattenTest {
    @Test
    void keepsTheBatchAxisAndRowMajorOrder() {
        Flatten f = new Flatten();
        f.build(new int[] {2, 3, 4}, 0L);
        assertArrayEquals(new int[] {24}, f.outputShape());
        Tensor x = Tensor.randn(5, 2, 2, 3, 4);
        Tensor y = f.call(x, false);
        assertArrayEquals(new int[] {2, 24}, y.shape());
        assertArrayEquals(x.toArray(), y.toArray());
    }

    @Test
    void gradientIsTheIncomingGradientReshapedBack() {
        Flatten f = new Flatten();
        f.build(new int[] {3, 2}, 0L);
        Tensor x = Tensor.randn(1, 2, 3, 2).requiresGrad(true);
        Tensor w = Tensor.randn(2, 2, 6);
        assertTrue(GradCheck.check(in -> f.call(in[0], true).mul(w).sum(), x).passed(1e-6));
    }

    @Test
    void wrongInputShapeNamesTheLayerAndBothShapes() {
        Flatten f = new Flatten();
        f.build(new int[] {3, 2}, 0L);
        ShapeException e = assertThrows(ShapeException.class, () -> f.checkInputs(List.of(Tensor.zeros(4, 2, 3))));
        assertTrue(e.getMessage().contains("flatten") && e.getMessage().contains("(None, 3, 2)")
                && e.getMessage().contains("(4, 2, 3)"), e.getMessage());
    }
}
