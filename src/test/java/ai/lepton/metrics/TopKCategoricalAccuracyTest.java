package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TopKCategoricalAccuracyTest {
    static List<Golden.MetricCase> golden() {
        return Golden.cases("TopKCategoricalAccuracy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasAndMergesExactly(Golden.MetricCase c) {
        MetricContract.holds(c);
    }

    @Test
    void defaultsAreKeras() {
        TopKCategoricalAccuracy m = new TopKCategoricalAccuracy();
        assertEquals("top_k_categorical_accuracy", m.name());
        assertEquals(5, m.getConfig().getInt("k"));
    }

    @Test
    void badKAndShapesAreClearErrors() {
        assertEquals("top_k_categorical_accuracy: k must be at least 1. Received: k=0",
                assertThrows(IllegalArgumentException.class, () -> new TopKCategoricalAccuracy(0)).getMessage());
        assertThrows(ShapeException.class, () -> new TopKCategoricalAccuracy().update(Tensor.zeros(2), Tensor.zeros(2, 3)));
    }
}
