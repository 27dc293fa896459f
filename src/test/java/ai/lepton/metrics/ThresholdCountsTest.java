package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThresholdCountsTest {
    @Test
    void evenSpacingIsKerasFloatComparison() {
        assertTrue(ThresholdCounts.evenlyDistributed(new double[] {0, 0.5, 1}));
        assertTrue(ThresholdCounts.evenlyDistributed(new double[] {0, 1.0 / 3, 2.0 / 3, 1}));
        assertTrue(ThresholdCounts.evenlyDistributed(new double[] {0, 0.25 + 5e-8, 0.5, 0.75, 1}));
        assertFalse(ThresholdCounts.evenlyDistributed(new double[] {0, 1}));
        assertFalse(ThresholdCounts.evenlyDistributed(new double[] {0, 0.4, 1}));
    }

    @Test
    void bucketsAndComparisonsAgreeInsideTheBuckets() {
        double[] labels = {1, 0, 1, 0, 1, 0};
        double[] predictions = {0.1, 0.3, 0.55, 0.6, 0.9, 0.95};
        double[] thresholds = {0, 0.25, 0.5, 0.75, 1};
        double[][] byBuckets = counts(labels, predictions, thresholds, true);
        double[][] byComparison = counts(labels, predictions, thresholds, false);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(byComparison[i], byBuckets[i]);
        }
    }

    @Test
    void predictionsOnABucketEdgeAndOutsideZeroOneFollowKeras() {
        double[] thresholds = {0, 0.5, 1};
        double[][] edge = counts(new double[] {1, 1, 1}, new double[] {0.0, 0.5, 1.5}, thresholds, true);
        // 0 is in no bucket, 0.5 counts only above 0, and 1.5 is clipped to 1, never above 1.
        assertArrayEquals(new double[] {2, 1, 0}, edge[0]);
        double[][] withEpsilon = counts(new double[] {1}, new double[] {0.0}, new double[] {-1e-7, 0.5, 1 + 1e-7}, true);
        assertArrayEquals(new double[] {1, 0, 0}, withEpsilon[0]);
    }

    @Test
    void multiLabelCountsEachColumnApart() {
        double[][] c = counts(new double[] {1, 0, 1, 1}, new double[] {0.9, 0.9, 0.1, 0.8}, 2, new double[] {0.5}, false);
        assertArrayEquals(new double[] {1, 1}, c[0]);
        assertArrayEquals(new double[] {0, 1}, c[1]);
        assertArrayEquals(new double[] {1, 0}, c[3]);
    }

    private static double[][] counts(double[] labels, double[] predictions, double[] thresholds, boolean evenly) {
        return counts(labels, predictions, 1, thresholds, evenly);
    }

    /** @return tp, fp, tn, fn */
    private static double[][] counts(double[] labels, double[] predictions, int columns, double[] thresholds, boolean evenly) {
        int n = thresholds.length * columns;
        double[][] c = {new double[n], new double[n], new double[n], new double[n]};
        ThresholdCounts.add(labels, predictions, columns, thresholds, evenly, c[0], c[1], c[2], c[3]);
        return c;
    }
}
