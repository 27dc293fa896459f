package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PrecisionTest {
    private static final double EXACT = 1e-15;

    static List<Golden.MetricCase> golden() {
        return Golden.cases("Precision");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasAndMergesExactly(Golden.MetricCase c) {
        MetricContract.holds(c);
    }

    @Test
    void countsPositivesAboveOneHalfByDefault() {
        Precision precision = new Precision();
        precision.update(Tensor.of(new double[] {1, 1, 0, 0, 1}, 5, 1), Tensor.of(new double[] {0.9, 0.2, 0.7, 0.1, 0.6}, 5, 1));
        assertEquals(2.0 / 3, precision.result(), EXACT);
        assertArrayEquals(new double[] {2}, precision.truePositives());
        assertArrayEquals(new double[] {1}, precision.falsePositives());
        assertEquals("precision", precision.name());
        assertEquals(0.0, new Precision().result());
    }

    @Test
    void severalThresholdsReportOneValueEachAndTheFirstAsResult() {
        Precision precision = (Precision) new Precision().thresholds(0.1, 0.8);
        precision.update(Tensor.of(new double[] {1, 0, 1, 0}, 4), Tensor.of(new double[] {0.9, 0.5, 0.3, 0.05}, 4));
        assertArrayEquals(new double[] {2.0 / 3, 1.0}, precision.results(), EXACT);
        assertEquals(2.0 / 3, precision.result(), EXACT);
    }
}
