package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.autograd.GradCheck;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SigmoidCrossEntropyTest {
    private static final double EXACT = 1e-15;
    private static final double GRAD = 1e-8;

    @Test
    void isExactForHugeLogits() {
        Tensor y = Tensor.of(new double[] {1, 0, 1, 0}, 4);
        Tensor z = Tensor.of(new double[] {1000, -1000, -1000, 0}, 4);
        assertArrayEquals(new double[] {0, 0, 1000, Math.log(2)}, SigmoidCrossEntropy.apply(y, z).toArray(), EXACT);
    }

    @Test
    void itsGradientIsTheSigmoidLessTheLabel() {
        Tensor y = Tensor.of(new double[] {1, 0, 0.3}, 3);
        Tensor z = Tensor.of(new double[] {0.4, -2, 3}, 3).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> SigmoidCrossEntropy.apply(y, in[0]).sum(), z);
        assertTrue(r.passed(GRAD), r.toString());
    }
}
