package ai.lepton.autograd;

import static ai.lepton.autograd.GradAssert.assertGradientsMatch;
import static ai.lepton.autograd.GradAssert.normal;
import static ai.lepton.autograd.GradAssert.positive;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Add, Sub, Mul and Div: gradients through broadcasting, in tensor and scalar forms. */
class BinaryOpTest {
    private static final long SEED = 23L;
    /** Pairs of shapes that broadcast: different ranks, size-1 axes on either side, a rank-0 operand. */
    private static final int[][][] SHAPE_PAIRS = {
        {{3, 1, 4}, {5, 4}},
        {{2, 1}, {1, 3}},
        {{}, {2, 3}},
        {{2, 3}, {2, 3}},
        {{4}, {2, 1, 1}},
    };
    private static final double VALUE_TOLERANCE = 1e-15;

    @Test
    void tensorFormGradientsMatchFiniteDifferencesUnderBroadcasting() {
        for (int[][] pair : SHAPE_PAIRS) {
            String shapes = Arrays.toString(pair[0]) + " with " + Arrays.toString(pair[1]);
            assertGradientsMatch("add " + shapes, in -> in[0].add(in[1]), normal(SEED, pair[0]), normal(SEED + 1, pair[1]));
            assertGradientsMatch("sub " + shapes, in -> in[0].sub(in[1]), normal(SEED, pair[0]), normal(SEED + 1, pair[1]));
            assertGradientsMatch("mul " + shapes, in -> in[0].mul(in[1]), normal(SEED, pair[0]), normal(SEED + 1, pair[1]));
            assertGradientsMatch("div " + shapes, in -> in[0].div(in[1]), normal(SEED, pair[0]), positive(SEED + 1, pair[1]));
            assertGradientsMatch("div reversed " + shapes, in -> in[1].div(in[0]),
                    positive(SEED, pair[0]), normal(SEED + 1, pair[1]));
        }
    }

    @Test
    void onlyOneOperandNeedsAGradient() {
        Tensor constant = Tensor.randn(SEED, 5, 4);
        assertGradientsMatch("mul by constant", in -> in[0].mul(constant), normal(SEED, 3, 1, 4));
        assertGradientsMatch("constant over x", in -> constant.div(in[0]), positive(SEED, 3, 1, 4));
    }

    @Test
    void scalarFormGradientsMatchFiniteDifferences() {
        assertGradientsMatch("add scalar", in -> in[0].add(2.5), normal(SEED, 3, 4));
        assertGradientsMatch("sub scalar", in -> in[0].sub(2.5), normal(SEED, 3, 4));
        assertGradientsMatch("mul scalar", in -> in[0].mul(-1.5), normal(SEED, 3, 4));
        assertGradientsMatch("div scalar", in -> in[0].div(0.3), normal(SEED, 3, 4));
    }

    @Test
    void broadcastGradientIsSummedBackToTheOperandShape() {
        Tensor row = Tensor.of(new double[] {1, 2, 3}, 3).requiresGrad(true);
        Tensor column = Tensor.of(new double[] {10, 20}, 2, 1).requiresGrad(true);
        row.mul(column).sum().backward();
        assertArrayEquals(new double[] {30, 30, 30}, row.grad().toArray(), VALUE_TOLERANCE);
        assertArrayEquals(new double[] {6, 6}, column.grad().toArray(), VALUE_TOLERANCE);
        assertArrayEquals(new int[] {2, 1}, column.grad().shape());
    }

    @Test
    void divGradientsMatchHandCalculation() {
        Tensor a = Tensor.of(new double[] {3}, 1).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {2}, 1).requiresGrad(true);
        a.div(b).sum().backward();
        assertArrayEquals(new double[] {0.5}, a.grad().toArray(), VALUE_TOLERANCE);
        assertArrayEquals(new double[] {-0.75}, b.grad().toArray(), VALUE_TOLERANCE);
    }
}
