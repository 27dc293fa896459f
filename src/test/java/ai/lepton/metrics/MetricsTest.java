package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final double TOLERANCE = 1e-12;

    @Test
    void accuracyResolvesLikeKeras() {
        assertInstanceOf(CategoricalAccuracy.class, Metrics.get("accuracy", new int[] {32, 10}, new int[] {32, 10}));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.get("accuracy", new int[] {32}, new int[] {32, 10}));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.get("accuracy", new int[] {32, 1}, new int[] {32, 10}));
        assertInstanceOf(BinaryAccuracy.class, Metrics.get("accuracy", new int[] {32, 1}, new int[] {32, 1}));
        assertInstanceOf(BinaryAccuracy.class, Metrics.get("acc", new int[] {32}, new int[] {32, 1}));
        assertEquals("acc", Metrics.get("acc", new int[] {32}, new int[] {32, 1}).name());
        assertThrows(IllegalArgumentException.class, () -> Metrics.get("auc", new int[] {1}, new int[] {1, 1}));
    }

    @Test
    void accuraciesCountCorrectExamples() {
        Tensor probs = Tensor.of(new double[] {0.1, 0.9, 0.8, 0.2, 0.3, 0.7}, 3, 2);
        Metric categorical = new CategoricalAccuracy();
        categorical.update(Tensor.of(new double[] {0, 1, 0, 1, 0, 1}, 3, 2), probs);
        assertEquals(2.0 / 3, categorical.result(), TOLERANCE);
        Metric sparse = new SparseCategoricalAccuracy();
        sparse.update(Tensor.of(new double[] {1, 0, 0}, 3), probs);
        assertEquals(2.0 / 3, sparse.result(), TOLERANCE);
        Metric binary = new BinaryAccuracy();
        binary.update(Tensor.of(new double[] {1, 0, 0, 1}, 4, 1), Tensor.of(new double[] {0.6, 0.4, 0.51, 0.5}, 4, 1));
        assertEquals(0.5, binary.result(), TOLERANCE);
    }

    @Test
    void metricsAccumulateWeightedByBatchSizeAndReset() {
        Metric sparse = new SparseCategoricalAccuracy();
        sparse.update(Tensor.of(new double[] {1, 1, 1}, 3), Tensor.of(new double[] {0, 1, 0, 1, 0, 1}, 3, 2));
        sparse.update(Tensor.of(new double[] {0}, 1), Tensor.of(new double[] {0, 1}, 1, 2));
        assertEquals(3.0 / 4, sparse.result(), TOLERANCE);
        sparse.reset();
        assertEquals(0.0, sparse.result());
    }

    @Test
    void precisionAndRecallCountPositivesAboveOneHalf() {
        Tensor y = Tensor.of(new double[] {1, 1, 0, 0, 1}, 5, 1);
        Tensor p = Tensor.of(new double[] {0.9, 0.2, 0.7, 0.1, 0.6}, 5, 1);
        Precision precision = new Precision();
        Recall recall = new Recall();
        precision.update(y, p);
        recall.update(y, p);
        assertEquals(2.0 / 3, precision.result(), TOLERANCE);
        assertEquals(2.0 / 3, recall.result(), TOLERANCE);
        assertEquals(2, precision.truePositives());
        assertEquals(1, precision.falsePositives());
        assertEquals(1, recall.falseNegatives());
        assertEquals(0.0, new Precision().result());
    }

    @Test
    void lossMetricAveragesTheLossOverExamples() {
        Metric mae = Metrics.get("mae", new int[] {3, 1}, new int[] {3, 1});
        mae.update(Tensor.of(new double[] {1, 2}, 2, 1), Tensor.of(new double[] {2, 2}, 2, 1));
        mae.update(Tensor.of(new double[] {0}, 1, 1), Tensor.of(new double[] {4}, 1, 1));
        assertEquals((1 + 0 + 4) / 3.0, mae.result(), TOLERANCE);
    }

    @Test
    void confusionMatrixCountsAndPrints() {
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
        assertEquals(4.0 / 6, cm.accuracy(), TOLERANCE);
        assertEquals("true\\pred  0  1  2\n"
                + "        0  1  0  1\n"
                + "        1  0  2  0\n"
                + "        2  0  1  1\n", cm.toString());
    }

    @Test
    void confusionMatrixThresholdsBinaryProbabilities() {
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
