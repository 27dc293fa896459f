package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.losses.Huber;
import ai.lepton.losses.MeanAbsoluteError;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LossMetricTest {
    private static final double EXACT = 1e-15;

    @Test
    void averagesTheLossOverExamplesWeightedByBatchSize() {
        Metric mae = new LossMetric("mae", new MeanAbsoluteError());
        mae.update(Tensor.of(new double[] {1, 2}, 2, 1), Tensor.of(new double[] {2, 2}, 2, 1));
        mae.update(Tensor.of(new double[] {0}, 1, 1), Tensor.of(new double[] {4}, 1, 1));
        assertEquals((1 + 0 + 4) / 3.0, mae.result(), EXACT);
    }

    @Test
    void isTheMeanWhateverTheLossReduction() {
        Metric summed = new LossMetric("mae", new MeanAbsoluteError().reduction("sum"));
        summed.update(Tensor.of(new double[] {1, 2}, 2, 1), Tensor.of(new double[] {2, 2}, 2, 1));
        assertEquals(0.5, summed.result(), EXACT);
        Metric none = new LossMetric("mae", new MeanAbsoluteError().reduction("none"));
        none.update(Tensor.of(new double[] {1, 2}, 2, 1), Tensor.of(new double[] {2, 2}, 2, 1));
        assertEquals(0.5, none.result(), EXACT);
    }

    @Test
    void configNestsTheLossAndRebuildsIt() {
        Metric huber = new LossMetric("huber_metric", new Huber(2.0));
        Metric copy = Metrics.copyOf(huber);
        assertEquals(huber.getConfig(), copy.getConfig());
        assertEquals(2.0, huber.getConfig().getConfig("loss").getConfig("config").getDouble("delta"));
        assertEquals("Huber", huber.getConfig().getConfig("loss").getString("class_name"));
    }
}
