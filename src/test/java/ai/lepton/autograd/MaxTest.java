package ai.lepton.autograd;

import static ai.lepton.autograd.GradAssert.assertGradientsMatch;
import static ai.lepton.autograd.GradAssert.distinct;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MaxTest {
    private static final long SEED = 43L;
    private static final int[] SHAPE = {2, 3, 4};
    private static final double EXACT = 0.0;

    @Test
    void maxAlongEveryAxisGradientsMatchFiniteDifferences() {
        for (int axis = -SHAPE.length; axis < SHAPE.length; axis++) {
            for (boolean keepDims : new boolean[] {false, true}) {
                int a = axis;
                assertGradientsMatch("max axis " + axis + " keepDims " + keepDims,
                        in -> in[0].max(a, keepDims), distinct(SEED, SHAPE));
            }
        }
    }

    @Test
    void gradientGoesOnlyToTheFirstOfTiedMaxima() {
        Tensor x = Tensor.of(new double[] {1, 3, 3, 2, 2, 0}, 2, 3).requiresGrad(true);
        x.max(1, false).sum().backward();
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0}, x.grad().toArray(), EXACT);
    }

    @Test
    void aNaNAnywhereInASliceIsItsMaximumAndTakesTheGradientAsInNumPy() {
        double nan = Double.NaN;
        // numpy.max([[1, nan, 3], [nan, 2, nan], [4, 5, 6]], axis=1) == [nan, nan, 6]
        Tensor x = Tensor.of(new double[] {1, nan, 3, nan, 2, nan, 4, 5, 6}, 3, 3).requiresGrad(true);
        Tensor m = x.max(1, false);
        assertArrayEquals(new double[] {nan, nan, 6}, m.toArray(), EXACT);
        m.sum().backward();
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0, 0, 0, 1}, x.grad().toArray(), EXACT);
        assertArrayEquals(new double[] {nan, nan, nan}, x.max(0, false).toArray(), EXACT);
    }

    @Test
    void elementwiseMaximumAndMinimumPropagateNaNFromEitherSide() {
        double nan = Double.NaN;
        Tensor a = Tensor.of(new double[] {nan, 1, 2}, 3);
        Tensor b = Tensor.of(new double[] {0, nan, 3}, 3);
        assertArrayEquals(new double[] {nan, nan, 3}, Maximum.apply(a, b).toArray(), EXACT);
        assertArrayEquals(new double[] {nan, nan, 2}, Minimum.apply(a, b).toArray(), EXACT);
    }

    @Test
    void emptyAxisIsAShapeError() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.zeros(2, 0).max(1, false));
        assertEquals("max: (2, 0): axis 1 is empty", e.getMessage());
    }
}
