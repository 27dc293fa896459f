package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PadTest {
    @Test
    void surroundsTheInputWithZeros() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor y = Pad.apply(x, new int[][] {{1, 0}, {0, 2}});
        assertArrayEquals(new int[] {3, 4}, y.shape());
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0}, y.toArray(), 0.0);
    }

    @Test
    void gradientIsTheOutputGradientInsideTheBox() {
        GradAssert.assertGradientsMatch("pad", in -> Pad.apply(in[0], new int[][] {{0, 0}, {2, 1}, {0, 3}, {1, 0}}),
                GradAssert.normal(1, 2, 3, 2, 2));
    }

    @Test
    void badPaddingIsRejectedNamingTheShape() {
        Tensor x = Tensor.zeros(2, 3);
        ShapeException count = assertThrows(ShapeException.class, () -> Pad.apply(x, new int[][] {{1, 1}}));
        assertTrue(count.getMessage().contains("(2, 3)"), count.getMessage());
        ShapeException negative = assertThrows(ShapeException.class, () -> Pad.apply(x, new int[][] {{0, 0}, {-1, 0}}));
        assertTrue(negative.getMessage().contains("[[0, 0], [-1, 0]]"), negative.getMessage());
    }
}
