package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BatchNormTest {
    private static final double EPSILON = 1e-3;

    @Test
    void trainingGradientsMatchFiniteDifferences() {
        Tensor gamma = GradAssert.positive(2, 3);
        Tensor beta = GradAssert.normal(3, 3);
        GradAssert.assertGradientsMatch("channels last",
                in -> BatchNorm.training(in[0], in[1], in[2], -1, EPSILON, new double[3], new double[3]),
                GradAssert.normal(1, 4, 2, 3), gamma, beta);
        GradAssert.assertGradientsMatch("channels first",
                in -> BatchNorm.training(in[0], in[1], in[2], 1, EPSILON, new double[3], new double[3]),
                GradAssert.normal(4, 2, 3, 4), gamma, beta);
        GradAssert.assertGradientsMatch("no gamma, no beta",
                in -> BatchNorm.training(in[0], null, null, -1, EPSILON, new double[3], new double[3]), GradAssert.normal(5, 5, 3));
    }

    @Test
    void inferenceGradientsMatchFiniteDifferences() {
        Tensor mean = Tensor.randn(6, 3);
        Tensor variance = Tensor.rand(7, 3).add(0.5);
        GradAssert.assertGradientsMatch("moving statistics",
                in -> BatchNorm.inference(in[0], in[1], in[2], mean, variance, -1, EPSILON),
                GradAssert.normal(8, 4, 3), GradAssert.positive(9, 3), GradAssert.normal(10, 3));
        Tensor frozenGamma = Tensor.rand(16, 3).add(0.5);
        Tensor frozenBeta = Tensor.randn(17, 3);
        GradAssert.assertGradientsMatch("frozen gamma and beta: the input only",
                in -> BatchNorm.inference(in[0], frozenGamma, frozenBeta, mean, variance, -1, EPSILON), GradAssert.normal(18, 5, 3));
        GradAssert.assertGradientsMatch("beta only",
                in -> BatchNorm.inference(in[0], null, in[1], mean, variance, 1, EPSILON),
                GradAssert.normal(11, 2, 3, 2), GradAssert.normal(12, 3));
    }

    @Test
    void maskedGradientsMatchFiniteDifferences() {
        Tensor mask = Tensor.of(new double[] {1, 1, 0, 1, 0, 0}, 2, 3);
        GradAssert.assertGradientsMatch("masked rows",
                in -> BatchNorm.training(in[0], in[1], in[2], mask, -1, EPSILON, new double[4], new double[4]),
                GradAssert.normal(13, 2, 3, 4), GradAssert.positive(14, 4), GradAssert.normal(15, 4));
    }

    @Test
    void trainingHandsBackTheBatchsMeanAndBiasedVariance() {
        Tensor x = Tensor.of(new double[] {1, 10, 3, 30, 5, 20}, 3, 2);
        double[] mean = new double[2];
        double[] variance = new double[2];
        Tensor y = BatchNorm.training(x, null, null, -1, EPSILON, mean, variance);
        assertArrayEquals(new double[] {3, 20}, mean, 1e-15);
        assertArrayEquals(new double[] {8.0 / 3, 200.0 / 3}, variance, 1e-13);
        assertEquals(-2 / Math.sqrt(8.0 / 3 + EPSILON), y.get(0, 0), 1e-15);
    }

    @Test
    void perChannelValuesOfTheWrongSizeNameBothShapes() {
        Tensor x = Tensor.zeros(2, 3);
        ShapeException e = assertThrows(ShapeException.class,
                () -> BatchNorm.inference(x, Tensor.ones(4), null, Tensor.zeros(3), Tensor.ones(3), -1, EPSILON));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(4,)"), e.getMessage());
        e = assertThrows(ShapeException.class,
                () -> BatchNorm.training(x, null, null, Tensor.ones(3), -1, EPSILON, new double[3], new double[3]));
        assertTrue(e.getMessage().contains("mask"), e.getMessage());
    }
}
