package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    private static final double EXACT = 1e-15;

    @Test
    void countsAndPrints() {
        Tensor yTrue = Tensor.of(new double[] {0, 1, 2, 2, 1, 0}, 6);
        Tensor scores = Tensor.of(new double[] {
            0.8, 0.1, 0.1,
            0.1, 0.8, 0.1,
            0.1, 0.1, 0.8,
            0.1, 0.8, 0.1,
            0.1, 0.8, 0.1,
            0.1, 0.1, 0.8}, 6, 3);
        ConfusionMatrix cm = ConfusionMatrix.of(yTrue, scores, 3);
        assertEquals(1, cm.count(2, 1));
        assertEquals(1, cm.count(0, 2));
        assertEquals(6, cm.total());
        assertEquals(4.0 / 6, cm.accuracy(), EXACT);
        assertEquals("true\\pred  0  1  2\n"
                + "        0  1  0  1\n"
                + "        1  0  2  0\n"
                + "        2  0  1  1\n", cm.toString());
    }

    @Test
    void thresholdsBinaryProbabilities() {
        ConfusionMatrix cm = ConfusionMatrix.of(Tensor.of(new double[] {1, 0, 1}, 3, 1),
                Tensor.of(new double[] {0.7, 0.6, 0.2}, 3, 1), 2);
        assertEquals(1, cm.count(1, 1));
        assertEquals(1, cm.count(0, 1));
        assertEquals(1, cm.count(1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(Tensor.of(new double[] {0, 5}, 2), Tensor.of(new double[] {0, 1}, 2), 3));
        assertEquals("ConfusionMatrix: yTrue value 5.0 at index 1 is not a class index in [0, 3)", e.getMessage());
    }
}
