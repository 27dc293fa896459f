package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryCountsTest {
    @Test
    void aLabelIsPositiveWhenItIsNotZero() {
        BinaryCounts counts = new Precision();
        counts.update(Tensor.of(new double[] {0.5, 2, 0, -1}, 4), Tensor.of(new double[] {0.9, 0.9, 0.9, 0.1}, 4));
        assertArrayEquals(new double[] {2}, counts.truePositives());
        assertArrayEquals(new double[] {1}, counts.falsePositives());
        assertArrayEquals(new double[] {1}, counts.falseNegatives());
    }

    @Test
    void changingASettingStartsTheCountsOver() {
        BinaryCounts counts = new Recall();
        counts.update(Tensor.of(new double[] {1}, 1), Tensor.of(new double[] {0.9}, 1));
        counts.thresholds(0.2, 0.4, 0.6);
        assertArrayEquals(new double[3], counts.truePositives());
        assertEquals(9, counts.state().length);
    }

    @Test
    void configHoldsKerasKeysAndNullsForWhatIsUnset() {
        Config plain = new Precision().getConfig();
        assertEquals(List.of("name", "thresholds", "top_k", "class_id"), List.copyOf(plain.keys()));
        assertNull(plain.get("thresholds"));
        assertEquals(0.3, new Precision().thresholds(0.3).getConfig().getDouble("thresholds"));
        assertArrayEquals(new double[] {0.2, 0.4}, new Recall().thresholds(0.2, 0.4).getConfig().getDoubles("thresholds"));
    }

    @Test
    void badSettingsAndShapesAreClearErrors() {
        assertEquals("precision: threshold values must be in [0, 1]. Received: thresholds=[0.5, 1.2]",
                assertThrows(IllegalArgumentException.class, () -> new Precision().thresholds(0.5, 1.2)).getMessage());
        assertEquals("recall: topK must be at least 1. Received: topK=0",
                assertThrows(IllegalArgumentException.class, () -> new Recall().topK(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Recall().classId(-1));
        assertEquals("precision: classId 3 is not a column of predictions of shape (2, 3)",
                assertThrows(IllegalArgumentException.class,
                        () -> new Precision().classId(3).update(Tensor.zeros(2, 3), Tensor.zeros(2, 3))).getMessage());
        assertThrows(ShapeException.class, () -> new Precision().update(Tensor.zeros(3), Tensor.zeros(2)));
        assertThrows(IllegalArgumentException.class, () -> new Precision().merge(new double[4]));
    }
}
