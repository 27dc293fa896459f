package ai.lepton.autograd;

import static ai.lepton.autograd.GradAssert.assertGradientsMatch;
import static ai.lepton.autograd.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LogSoftmaxTest {
    private static final long SEED = 61L;
    private static final int[] SHAPE = {2, 3, 4};

    @Test
    void logSoftmaxAlongEveryAxisGradientsMatchFiniteDifferences() {
        for (int axis = -SHAPE.length; axis < SHAPE.length; axis++) {
            int a = axis;
            assertGradientsMatch("logSoftmax axis " + axis, in -> in[0].logSoftmax(a), normal(SEED, SHAPE));
        }
    }

    @Test
    void gradientAtExtremeInputsIsFinite() {
        Tensor x = Tensor.of(new double[] {1000, -1000, 0, 999}, 2, 2).requiresGrad(true);
        x.logSoftmax(-1).mul(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2)).sum().backward();
        assertTrue(Arrays.stream(x.grad().toArray()).allMatch(Double::isFinite), x.grad().toString());
    }
}
