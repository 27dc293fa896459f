package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SparseTopKCategoricalAccuracyTest {
    static List<Golden.MetricCase> golden() {
        return Golden.cases("SparseTopKCategoricalAccuracy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasAndMergesExactly(Golden.MetricCase c) {
        MetricContract.holds(c);
    }

    @Test
    void defaultsAreKeras() {
        SparseTopKCategoricalAccuracy m = new SparseTopKCategoricalAccuracy();
        assertEquals("sparse_top_k_categorical_accuracy", m.name());
        assertEquals(5, m.getConfig().getInt("k"));
        assertFalse(m.getConfig().has("from_sorted_ids"));
    }

    @Test
    void labelsOfShapeBatchByOneWorkToo() {
        Metric m = new SparseTopKCategoricalAccuracy(1);
        m.update(Tensor.of(new double[] {1, 0}, 2, 1), Tensor.of(new double[] {0.2, 0.8, 0.3, 0.7}, 2, 2));
        assertEquals(0.5, m.result());
    }

    @Test
    void badKLabelsAndShapesAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> new SparseTopKCategoricalAccuracy(0));
        assertEquals("sparse_top_k_categorical_accuracy: label 3.0 at index 1 is not a class index in [0, 3)",
                assertThrows(IllegalArgumentException.class, () -> new SparseTopKCategoricalAccuracy()
                        .update(Tensor.of(new double[] {0, 3}, 2), Tensor.zeros(2, 3))).getMessage());
        assertThrows(ShapeException.class, () -> new SparseTopKCategoricalAccuracy().update(Tensor.zeros(2, 3), Tensor.zeros(2, 3)));
    }
}
