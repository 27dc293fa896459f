package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** GradCheck must pass right gradients and catch wrong ones, or the op tests prove nothing. */
class GradCheckTest {
    private static final double TOLERANCE = 1e-6;
    private static final double EXACT = 0.0;

    /** x^2 with a deliberately wrong backward pass: 3x instead of 2x. */
    private static final class WrongSquare extends Op {
        private final double[] x;

        private WrongSquare(double[] x) {
            this.x = x;
        }

        static Tensor apply(Tensor t) {
            double[] x = data(t);
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] * x[i];
            }
            return new WrongSquare(x).output(y, shape(t), t);
        }

        @Override
        protected double[][] backward(double[] g) {
            double[] dx = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                dx[i] = 3 * x[i] * g[i];
            }
            return new double[][] {dx};
        }
    }

    @Test
    void passesACorrectGradient() {
        Tensor a = Tensor.randn(1, 3, 4).requiresGrad(true);
        Tensor b = Tensor.randn(2, 4).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> in[0].mul(in[1]).sum(), a, b);
        assertTrue(r.passed(TOLERANCE), r.toString());
    }

    @Test
    void catchesAWrongGradientAndSaysWhere() {
        Tensor x = Tensor.of(new double[] {0, 0, 2}, 3).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> WrongSquare.apply(in[0]).sum(), x);
        assertFalse(r.passed(TOLERANCE));
        assertEquals(0, r.input());
        assertArrayEquals(new int[] {2}, r.index());
        assertEquals(6.0, r.analytic(), EXACT);
        assertEquals(4.0, r.numeric(), 1e-6);
    }

    @Test
    void leavesInputsUnchangedAndGradientsCleared() {
        Tensor x = Tensor.of(new double[] {0.3, -0.7}, 2).requiresGrad(true);
        GradCheck.check(in -> in[0].tanh().sum(), x);
        assertArrayEquals(new double[] {0.3, -0.7}, x.toArray(), EXACT);
        assertEquals(null, Storage.grad(x));
    }
}
