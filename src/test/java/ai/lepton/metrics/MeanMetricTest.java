package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MeanMetricTest {
    /** The mean of all predictions, a mean metric of the simplest kind. */
    private static final class MeanPrediction extends MeanMetric {
        MeanPrediction() {
            super("mean_prediction");
        }

        @Override
        public void update(Tensor yTrue, Tensor yPred) {
            accumulate(yPred.sum().item(), yPred.size());
        }
    }

    @Test
    void isTheSumOverTheCountSinceTheLastReset() {
        MeanMetric m = new MeanPrediction();
        assertEquals(0.0, m.result());
        m.update(Tensor.zeros(2), Tensor.of(new double[] {1, 2}, 2));
        m.update(Tensor.zeros(1), Tensor.of(new double[] {6}, 1));
        assertEquals(3.0, m.result());
        assertArrayEquals(new double[] {9, 3}, m.state());
        m.reset();
        assertArrayEquals(new double[] {0, 0}, m.state());
    }

    @Test
    void mergedStatesAddUp() {
        MeanMetric a = new MeanPrediction();
        a.update(Tensor.zeros(2), Tensor.of(new double[] {1, 2}, 2));
        MeanMetric b = new MeanPrediction();
        b.update(Tensor.zeros(1), Tensor.of(new double[] {6}, 1));
        a.merge(b.state());
        assertEquals(3.0, a.result());
        assertEquals("mean_prediction: cannot merge a state of 3 values into one of 2",
                assertThrows(IllegalArgumentException.class, () -> a.merge(new double[3])).getMessage());
    }
}
