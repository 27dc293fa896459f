package ai.lepton.autograd;

import static ai.lepton.autograd.GradAssert.assertGradientsMatch;
import static ai.lepton.autograd.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SoftmaxTest {
    private static final long SEED = 59L;
    private static final int[] SHAPE = {2, 3, 4};

    @Test
    void softmaxAlongEveryAxisGradientsMatchFiniteDifferences() {
        for (int axis = -SHAPE.length; axis < SHAPE.length; axis++) {
            int a = axis;
            assertGradientsMatch("softmax axis " + axis, in -> in[0].softmax(a), normal(SEED, SHAPE));
        }
    }

    @Test
    void gradientAtExtremeInputsIsFinite() {
        Tensor x = Tensor.of(new double[] {1000, -1000, 0, 999}, 2, 2).requiresGrad(true);
        x.softmax(-1).mul(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2)).sum().backward();
        assertTrue(Arrays.stream(x.grad().toArray()).allMatch(Double::isFinite), x.grad().toString());
    }
}
