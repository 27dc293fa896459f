package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SparseCategoricalAccuracyTest {
    private static final double EXACT = 1e-15;

    static List<Golden.MetricCase> golden() {
        return Golden.cases("SparseCategoricalAccuracy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasAndMergesExactly(Golden.MetricCase c) {
        MetricContract.holds(c);
    }

    @Test
    void countsRowsWhoseLargestPredictionIsTheLabelWeightedByBatchSize() {
        Metric sparse = new SparseCategoricalAccuracy();
        sparse.update(Tensor.of(new double[] {1, 1, 1}, 3), Tensor.of(new double[] {0, 1, 0, 1, 0, 1}, 3, 2));
        sparse.update(Tensor.of(new double[] {0}, 1, 1), Tensor.of(new double[] {0, 1}, 1, 2));
        assertEquals(3.0 / 4, sparse.result(), EXACT);
        sparse.reset();
        assertEquals(0.0, sparse.result());
        assertThrows(ShapeException.class, () -> sparse.update(Tensor.zeros(2, 2), Tensor.zeros(2, 2)));
    }
}
