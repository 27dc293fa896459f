package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Flip: one axis reversed, and its gradient. */
class FlipTest {
    @Test
    void flipReversesOneAxis() {
        Tensor x = Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 2, 3, 2);
        assertArrayEquals(new double[] {4, 5, 2, 3, 0, 1, 10, 11, 8, 9, 6, 7}, Flip.apply(x, 1).toArray(), 0.0);
        assertArrayEquals(x.toArray(), Flip.apply(Flip.apply(x, -1), -1).toArray(), 0.0);
        GradAssert.assertGradientsMatch("flip", in -> Flip.apply(in[0], 1), GradAssert.normal(2, 2, 4, 3));
    }
}
