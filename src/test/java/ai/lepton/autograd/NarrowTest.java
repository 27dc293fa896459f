package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Narrow: a range of one axis, its gradient and a range outside the axis. */
class NarrowTest {
    @Test
    void narrowKeepsARangeOfOneAxis() {
        Tensor x = Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 2, 3, 2);
        assertArrayEquals(new double[] {2, 3, 4, 5, 8, 9, 10, 11}, Narrow.apply(x, 1, 1, 2).toArray(), 0.0);
        assertArrayEquals(new int[] {2, 3, 1}, Narrow.apply(x, -1, 1, 1).shape());
        GradAssert.assertGradientsMatch("narrow", in -> Narrow.apply(in[0], 1, 1, 2), GradAssert.normal(1, 2, 4, 3));
        ShapeException e = assertThrows(ShapeException.class, () -> Narrow.apply(x, 1, 2, 2));
        assertTrue(e.getMessage().contains("[2, 4)") && e.getMessage().contains("(2, 3, 2)"), e.getMessage());
    }
}
