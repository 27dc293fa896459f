package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BinaryAccuracyTest {
    private static final double EXACT = 1e-15;

    static List<Golden.MetricCase> golden() {
        return Golden.cases("BinaryAccuracy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasAndMergesExactly(Golden.MetricCase c) {
        MetricContract.holds(c);
    }

    @Test
    void aPredictionIsYesAboveTheThreshold() {
        Metric binary = new BinaryAccuracy();
        binary.update(Tensor.of(new double[] {1, 0, 0, 1}, 4, 1), Tensor.of(new double[] {0.6, 0.4, 0.51, 0.5}, 4, 1));
        assertEquals(0.5, binary.result(), EXACT);
        assertEquals("binary_accuracy", binary.name());
        assertThrows(ShapeException.class, () -> binary.update(Tensor.zeros(3), Tensor.zeros(4, 1)));
    }
}
