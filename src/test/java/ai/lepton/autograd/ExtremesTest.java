package ai.lepton.autograd;

import static ai.lepton.autograd.GradAssert.assertGradientsMatch;
import static ai.lepton.autograd.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Maximum and Minimum: values, NaN, ties and broadcast gradients. */
class ExtremesTest {
    @Test
    void valuesFollowMathMaxAndMinIncludingNan() {
        Tensor a = Tensor.of(new double[] {1, 5, Double.NaN, -2}, 4);
        Tensor b = Tensor.of(new double[] {3, 4, 0, -2}, 4);
        assertArrayEquals(new double[] {3, 5, Double.NaN, -2}, Maximum.apply(a, b).toArray(), 0.0);
        assertArrayEquals(new double[] {1, 4, Double.NaN, -2}, Minimum.apply(a, b).toArray(), 0.0);
    }

    @Test
    void aTieSendsTheGradientToTheFirstOperandAsTensorFlowDoes() {
        Tensor a = Tensor.of(new double[] {2, 1}, 2).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {2, 3}, 2).requiresGrad(true);
        Maximum.apply(a, b).sum().backward();
        assertArrayEquals(new double[] {1, 0}, a.grad().toArray(), 0.0);
        assertArrayEquals(new double[] {0, 1}, b.grad().toArray(), 0.0);
        a.zeroGrad();
        b.zeroGrad();
        Minimum.apply(a, b).sum().backward();
        assertArrayEquals(new double[] {1, 1}, a.grad().toArray(), 0.0);
        assertArrayEquals(new double[] {0, 0}, b.grad().toArray(), 0.0);
    }

    @Test
    void gradientsMatchFiniteDifferencesUnderBroadcasting() {
        assertGradientsMatch("maximum", in -> Maximum.apply(in[0], in[1]), normal(1, 3, 4), normal(2, 4));
        assertGradientsMatch("minimum", in -> Minimum.apply(in[0], in[1]), normal(3, 2, 1), normal(4, 2, 5));
    }
}
