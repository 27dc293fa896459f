package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CategoricalAccuracyTest {
    private static final double EXACT = 1e-15;

    static List<Golden.MetricCase> golden() {
        return Golden.cases("CategoricalAccuracy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasAndMergesExactly(Golden.MetricCase c) {
        MetricContract.holds(c);
    }

    @Test
    void countsRowsWhoseLargestPredictionIsTheLabel() {
        Metric categorical = new CategoricalAccuracy();
        categorical.update(Tensor.of(new double[] {0, 1, 0, 1, 0, 1}, 3, 2), Tensor.of(new double[] {0.1, 0.9, 0.8, 0.2, 0.3, 0.7}, 3, 2));
        assertEquals(2.0 / 3, categorical.result(), EXACT);
        assertEquals("categorical_accuracy", categorical.name());
        assertThrows(ShapeException.class, () -> categorical.update(Tensor.zeros(3), Tensor.zeros(3, 2)));
    }
}
