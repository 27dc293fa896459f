package ai.lepton.autograd;

import static ai.lepton.autograd.GradAssert.assertGradientsMatch;
import static ai.lepton.autograd.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcatTest {
    @Test
    void joinsAlongTheLastAndAMiddleAxis() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor b = Tensor.of(new double[] {5, 6}, 2, 1);
        Tensor y = Concat.apply(List.of(a, b), -1);
        assertArrayEquals(new int[] {2, 3}, y.shape());
        assertArrayEquals(new double[] {1, 2, 5, 3, 4, 6}, y.toArray(), 0.0);
        Tensor c = Tensor.of(new double[] {7, 8}, 1, 2);
        assertArrayEquals(new double[] {1, 2, 3, 4, 7, 8}, Concat.apply(List.of(a, c), 0).toArray(), 0.0);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        assertGradientsMatch("concat axis 1 of 3", in -> Concat.apply(List.of(in[0], in[1], in[2]), 1),
                normal(1, 2, 3, 4), normal(2, 2, 1, 4), normal(3, 2, 2, 4));
        assertGradientsMatch("concat last", in -> Concat.apply(List.of(in[0], in[1]), -1), normal(4, 3, 2), normal(5, 3, 5));
    }

    @Test
    void mismatchedShapesNameEveryShape() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> Concat.apply(List.of(Tensor.zeros(2, 3), Tensor.zeros(3, 3)), -1));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(3, 3)"), e.getMessage());
    }
}
