package ai.lepton.autograd;

import static ai.lepton.autograd.GradAssert.assertGradientsMatch;
import static ai.lepton.autograd.GradAssert.normal;

import org.junit.jupiter.api.Test;

/** Sum and mean, over everything and along each axis (negative axes, both keepDims settings). */
class SumTest {
    private static final long SEED = 41L;
    private static final int[] SHAPE = {2, 3, 4};

    @Test
    void sumAndMeanOfAllElementsGradientsMatchFiniteDifferences() {
        assertGradientsMatch("sum()", in -> in[0].sum(), normal(SEED, SHAPE));
        assertGradientsMatch("mean()", in -> in[0].mean(), normal(SEED, SHAPE));
    }

    @Test
    void sumAndMeanAlongEveryAxisGradientsMatchFiniteDifferences() {
        for (int axis = -SHAPE.length; axis < SHAPE.length; axis++) {
            for (boolean keepDims : new boolean[] {false, true}) {
                int a = axis;
                String label = "axis " + axis + " keepDims " + keepDims;
                assertGradientsMatch("sum " + label, in -> in[0].sum(a, keepDims), normal(SEED, SHAPE));
                assertGradientsMatch("mean " + label, in -> in[0].mean(a, keepDims), normal(SEED, SHAPE));
            }
        }
    }
}
