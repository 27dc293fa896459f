package ai.lepton.autograd;

import static ai.lepton.autograd.GradAssert.assertGradientsMatch;
import static ai.lepton.autograd.GradAssert.awayFromZero;
import static ai.lepton.autograd.GradAssert.normal;
import static ai.lepton.autograd.GradAssert.positive;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The unary elementwise ops: values by hand, gradients by finite differences. */
class ElementwiseTest {
    private static final long SEED = 11L;
    private static final int[] SHAPE = {3, 1, 4};
    private static final double VALUE_TOLERANCE = 1e-15;

    @Test
    void negExpTanhSigmoidGradientsMatchFiniteDifferences() {
        assertGradientsMatch("neg", in -> in[0].neg(), normal(SEED, SHAPE));
        assertGradientsMatch("exp", in -> in[0].exp(), normal(SEED, SHAPE));
        assertGradientsMatch("tanh", in -> in[0].tanh(), normal(SEED, SHAPE));
        assertGradientsMatch("sigmoid", in -> in[0].sigmoid(), normal(SEED, SHAPE).mul(4).detach().requiresGrad(true));
    }

    @Test
    void logAndSqrtGradientsMatchFiniteDifferences() {
        assertGradientsMatch("log", in -> in[0].log(), positive(SEED, SHAPE));
        assertGradientsMatch("sqrt", in -> in[0].sqrt(), positive(SEED, SHAPE));
    }

    @Test
    void absAndReluGradientsMatchFiniteDifferencesAwayFromZero() {
        assertGradientsMatch("abs", in -> in[0].abs(), awayFromZero(SEED, SHAPE));
        assertGradientsMatch("relu", in -> in[0].relu(), awayFromZero(SEED, SHAPE));
    }

    @Test
    void powGradientsMatchFiniteDifferences() {
        for (double p : new double[] {2, 3, 0.5, -1.5, 1}) {
            assertGradientsMatch("pow " + p, in -> in[0].pow(p), positive(SEED, SHAPE));
        }
        assertGradientsMatch("pow 3 of negatives", in -> in[0].pow(3), normal(SEED, SHAPE));
    }

    @Test
    void valuesMatchHandCalculations() {
        Tensor x = Tensor.of(new double[] {-2, 0, 0.5}, 3);
        assertArrayEquals(new double[] {2, -0.0, -0.5}, x.neg().toArray(), VALUE_TOLERANCE);
        assertArrayEquals(new double[] {2, 0, 0.5}, x.abs().toArray(), VALUE_TOLERANCE);
        assertArrayEquals(new double[] {0, 0, 0.5}, x.relu().toArray(), VALUE_TOLERANCE);
        assertArrayEquals(new double[] {4, 0, 0.25}, x.pow(2).toArray(), VALUE_TOLERANCE);
        assertArrayEquals(new double[] {1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-0.5))},
                x.sigmoid().toArray(), VALUE_TOLERANCE);
    }

    @Test
    void absAndReluHaveZeroGradientAtZero() {
        Tensor x = Tensor.of(new double[] {-2, 0, 3}, 3).requiresGrad(true);
        x.abs().sum().backward();
        assertArrayEquals(new double[] {-1, 0, 1}, x.grad().toArray(), VALUE_TOLERANCE);
        x.zeroGrad();
        x.relu().sum().backward();
        assertArrayEquals(new double[] {0, 0, 1}, x.grad().toArray(), VALUE_TOLERANCE);
    }

    @Test
    void powZeroHasZeroGradientEvenAtZero() {
        Tensor x = Tensor.of(new double[] {0, 2}, 2).requiresGrad(true);
        x.pow(0).sum().backward();
        assertArrayEquals(new double[] {0, 0}, x.grad().toArray(), VALUE_TOLERANCE);
    }

    @Test
    void sigmoidSaturatesWithoutOverflow() {
        Tensor x = Tensor.of(new double[] {-1000, 1000}, 2).requiresGrad(true);
        assertArrayEquals(new double[] {0, 1}, x.sigmoid().toArray(), VALUE_TOLERANCE);
        x.sigmoid().sum().backward();
        assertArrayEquals(new double[] {0, 0}, x.grad().toArray(), VALUE_TOLERANCE);
    }
}
