package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MeanIoUTest {
    private static final double KERAS_EPSILON = 1e-6;

    static List<Golden.MetricCase> golden() {
        return Golden.cases("MeanIoU");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasAndMergesExactly(Golden.MetricCase c) {
        MetricContract.holds(c);
    }

    @Test
    void isTheMeanOverClassesOfIntersectionOverUnion() {
        Metric iou = new MeanIoU(2);
        iou.update(Tensor.of(new double[] {0, 0, 1, 1}, 4), Tensor.of(new double[] {0, 1, 0, 1}, 4));
        assertEquals((1.0 / 3 + 1.0 / 3) / 2, iou.result(), KERAS_EPSILON);
        assertEquals(4, iou.state().length);
    }

    @Test
    void configHoldsKerasKeys() {
        var config = new MeanIoU(3).ignoreClass(0).sparseYPred(false).getConfig();
        assertEquals(3, config.getInt("num_classes"));
        assertEquals(0, config.getInt("ignore_class"));
        assertEquals(false, config.getBoolean("sparse_y_pred"));
        assertEquals(-1, config.getInt("axis"));
    }

    @Test
    void badSettingsAreClearErrors() {
        assertEquals("mean_iou: numClasses must be at least 1. Received: numClasses=0",
                assertThrows(IllegalArgumentException.class, () -> new MeanIoU(0)).getMessage());
        var config = new MeanIoU(3).getConfig().put("axis", 1);
        assertThrows(IllegalArgumentException.class, () -> Metrics.fromConfig("MeanIoU", config));
    }
}
