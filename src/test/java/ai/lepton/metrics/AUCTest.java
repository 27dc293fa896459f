package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class AUCTest {
    private static final double EXACT = 1e-15;

    static List<Golden.MetricCase> golden() {
        return Golden.cases("AUC");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasAndMergesExactly(Golden.MetricCase c) {
        MetricContract.holds(c);
    }

    @Test
    void thresholdsArePlacedAsKerasPlacesThem() {
        assertArrayEquals(new double[] {-1e-7, 0.25, 0.5, 0.75, 1 + 1e-7}, new AUC().numThresholds(5).thresholds(), EXACT);
        double[] defaults = new AUC().thresholds();
        assertEquals(200, defaults.length);
        assertEquals(1.0 / 199, defaults[1], EXACT);
        assertArrayEquals(new double[] {-1e-7, 0.1, 0.7, 1 + 1e-7}, new AUC().thresholds(0.7, 0.1).thresholds(), EXACT);
        assertEquals(4, new AUC().thresholds(0.7, 0.1).getConfig().getInt("num_thresholds"));
    }

    @Test
    void aPerfectRankingScoresOneAndAReversedOneZero() {
        Tensor y = Tensor.of(new double[] {0, 0, 1, 1}, 4, 1);
        Tensor p = Tensor.of(new double[] {0.1, 0.2, 0.8, 0.9}, 4, 1);
        AUC perfect = new AUC();
        perfect.update(y, p);
        assertEquals(1.0, perfect.result(), EXACT);
        AUC reversed = new AUC();
        reversed.update(y, Tensor.of(new double[] {0.9, 0.8, 0.2, 0.1}, 4, 1));
        assertEquals(0.0, reversed.result(), EXACT);
        assertEquals(0.0, new AUC().result());
    }

    @Test
    void multiLabelCountsWaitForTheFirstBatchOrAMerge() {
        AUC waiting = new AUC().multiLabel(true);
        assertEquals(0, waiting.state().length);
        AUC seen = new AUC().multiLabel(true);
        seen.update(Tensor.of(new double[] {1, 0, 0, 1}, 2, 2), Tensor.of(new double[] {0.9, 0.2, 0.4, 0.6}, 2, 2));
        waiting.merge(seen.state());
        assertArrayEquals(seen.state(), waiting.state());
        assertEquals(seen.result(), waiting.result());
        assertThrows(ShapeException.class, () -> seen.update(Tensor.zeros(2, 3), Tensor.zeros(2, 3)));
        assertThrows(ShapeException.class, () -> new AUC().multiLabel(true).update(Tensor.zeros(4), Tensor.zeros(4)));
        assertEquals(2 * 4 * 200, new AUC().multiLabel(true).numLabels(2).state().length);
    }

    @Test
    void badSettingsAreErrorsAtConstruction() {
        assertEquals("auc: numThresholds must be an integer > 1. Received: numThresholds=1",
                assertThrows(IllegalArgumentException.class, () -> new AUC().numThresholds(1)).getMessage());
        assertEquals("auc: curve must be one of [ROC, PR, PRGAIN]. Received: curve=Pr",
                assertThrows(IllegalArgumentException.class, () -> new AUC().curve("Pr")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AUC().summationMethod("trapezoid"));
        assertThrows(IllegalArgumentException.class, () -> new AUC().summationMethod(null));
        assertThrows(IllegalArgumentException.class, () -> new AUC().curve(null));
        assertThrows(IllegalArgumentException.class, () -> new AUC().thresholds(0.5, 1.5));
        assertEquals("auc: numLabels is needed only when multiLabel is true; call multiLabel(true) first. Received: numLabels=3",
                assertThrows(IllegalArgumentException.class, () -> new AUC().numLabels(3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AUC().multiLabel(true).numLabels(0));
        assertThrows(ShapeException.class, () -> new AUC().update(Tensor.zeros(3), Tensor.zeros(4)));
    }

    @Test
    void kerasLabelWeightsAreRefused() {
        var config = new AUC().getConfig().put("label_weights", List.of(1.0, 2.0));
        assertThrows(IllegalArgumentException.class, () -> Metrics.fromConfig("AUC", config));
    }
}
