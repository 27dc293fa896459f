package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MetricTest {
    /** The largest prediction seen: a metric with one number of state. */
    private static final class Largest extends Metric {
        private double largest = Double.NEGATIVE_INFINITY;

        Largest() {
            super("largest");
        }

        @Override
        public void update(Tensor yTrue, Tensor yPred) {
            for (double v : yPred.toArray()) {
                largest = Math.max(largest, v);
            }
        }

        @Override
        public double result() {
            return largest;
        }

        @Override
        public void reset() {
            largest = Double.NEGATIVE_INFINITY;
        }

        @Override
        public double[] state() {
            return new double[] {largest};
        }

        @Override
        public void merge(double[] other) {
            checkState(other, 1);
            largest = Math.max(largest, other[0]);
        }
    }

    @Test
    void aSingleValuedMetricReportsItsResultAsItsOnlyResult() {
        Metric m = new Largest();
        m.update(Tensor.zeros(2), Tensor.of(new double[] {3, 7}, 2));
        assertArrayEquals(new double[] {7}, m.results());
        assertEquals("largest: 7.0", m.toString());
    }

    @Test
    void theDefaultConfigIsTheClassAndTheName() {
        assertEquals(Config.of("Largest").put("name", "largest"), new Largest().getConfig());
    }
}
