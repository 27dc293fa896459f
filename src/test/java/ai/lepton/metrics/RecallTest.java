package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecallTest {
    private static final double EXACT = 1e-15;

    static List<Golden.MetricCase> golden() {
        return Golden.cases("Recall");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasAndMergesExactly(Golden.MetricCase c) {
        MetricContract.holds(c);
    }

    @Test
    void countsPositiveLabelsFoundAboveOneHalfByDefault() {
        Recall recall = new Recall();
        recall.update(Tensor.of(new double[] {1, 1, 0, 0, 1}, 5, 1), Tensor.of(new double[] {0.9, 0.2, 0.7, 0.1, 0.6}, 5, 1));
        assertEquals(2.0 / 3, recall.result(), EXACT);
        assertArrayEquals(new double[] {1}, recall.falseNegatives());
        assertEquals("recall", recall.name());
        assertEquals(0.0, new Recall().result());
    }

    @Test
    void topKCountsTheLargestPredictionsOfEachRow() {
        Recall recall = (Recall) new Recall().topK(1);
        recall.update(Tensor.of(new double[] {1, 1, 0, 0, 0, 1}, 2, 3), Tensor.of(new double[] {0.5, 0.4, 0.1, 0.2, 0.7, 0.1}, 2, 3));
        assertEquals(1.0 / 3, recall.result(), EXACT);
        assertArrayEquals(new double[] {BinaryCounts.NEG_INF}, recall.thresholds());
    }
}
