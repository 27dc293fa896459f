package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.layers.Dense;
import ai.lepton.losses.Loss;
import ai.lepton.losses.Losses;
import ai.lepton.metrics.MeanMetric;
import ai.lepton.metrics.Metrics;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model compiled with a loss and a metric of the user's own saves, loads and goes on training. */
class CustomObjectsTest {
    /** Mean squared error times a factor: a loss with a setting. */
    static final class ScaledSquaredError extends Loss {
        private final double factor;

        ScaledSquaredError(double factor) {
            this.factor = factor;
        }

        @Override
        public String name() {
            return "scaled_squared_error";
        }

        @Override
        public Tensor compute(Tensor yTrue, Tensor yPred) {
            return yPred.sub(alignLabels(yTrue, yPred)).pow(2).mean().mul(factor);
        }

        @Override
        public Config getConfig() {
            return super.getConfig().put("factor", factor);
        }
    }

    /** The mean prediction, a metric averaged over examples. */
    static final class MeanPrediction extends MeanMetric {
        MeanPrediction() {
            super("mean_prediction");
        }

        @Override
        public void update(Tensor yTrue, Tensor yPred) {
            accumulate(yPred.sum().item(), yPred.size());
        }
    }

    @Test
    void aRegisteredLossAndMetricSaveAndLoadWithTheModel(@TempDir Path dir) {
        Losses.register("tests>ScaledSquaredError", ScaledSquaredError.class,
                c -> new ScaledSquaredError(c.getDouble("factor")));
        Metrics.register("mean_prediction", MeanPrediction.class, c -> new MeanPrediction());
        Sequential model = new Sequential(new Dense(1).inputShape(3)).seed(8);
        model.compile(new ai.lepton.optimizers.Adam(0.01), new ScaledSquaredError(3.0), "mean_prediction");
        Tensor x = Tensor.randn(1, 16, 3);
        Tensor y = x.sum(1, true);
        History h = model.fit(x, y, FitOptions.create().epochs(2).batchSize(8).verbose(0));
        assertTrue(h.keys().contains("mean_prediction"));
        Path file = dir.resolve("custom.lepton");
        model.save(file);
        Model loaded = Model.load(file);
        assertEquals("scaled_squared_error", loaded.loss().name());
        assertEquals(3.0, loaded.loss().getConfig().getDouble("factor"));
        assertEquals(List.of("mean_prediction"), loaded.metricNames());
        assertEquals(model.evaluate(x, y).values(), loaded.evaluate(x, y).values());
    }

    @Test
    void anUnknownMetricFailsInCompileNamingTheKnownOnes() {
        Sequential model = new Sequential(new Dense(1).inputShape(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.compile("sgd", "mse", "f2"));
        assertTrue(e.getMessage().contains("Unknown metric: 'f2'") && e.getMessage().contains("accuracy"), e.getMessage());
    }

    @Test
    void metricObjectsSaveAndLoadWithTheirSettings(@TempDir Path dir) {
        Sequential model = new Sequential(new Dense(1, "sigmoid").inputShape(3)).seed(9);
        model.compile(new ai.lepton.optimizers.Adam(0.01), new ai.lepton.losses.BinaryCrossentropy(),
                List.of(new ai.lepton.metrics.AUC(), new ai.lepton.metrics.AUC("pr_auc").curve("PR")));
        Tensor x = Tensor.randn(2, 40, 3);
        double[] labels = new double[40];
        for (int i = 0; i < 40; i++) {
            labels[i] = x.get(i, 0) - x.get(i, 2) > 0 ? 1 : 0;
        }
        Tensor y = Tensor.of(labels, 40, 1);
        model.fit(x, y, FitOptions.create().epochs(2).batchSize(8).verbose(0));
        Path file = dir.resolve("metrics.lepton");
        model.save(file);
        Model loaded = Model.load(file);
        assertEquals(List.of("auc", "pr_auc"), loaded.metricNames());
        assertEquals(model.evaluate(x, y).values(), loaded.evaluate(x, y).values(), "the PR curve survives, not a default AUC");
    }

    @Test
    void aLossWithReductionNoneTrainsOnTheMeanOfItsPerExampleValues() {
        Sequential a = new Sequential(new Dense(1).inputShape(3)).seed(4);
        Sequential b = new Sequential(new Dense(1).inputShape(3)).seed(4);
        a.compile(new ai.lepton.optimizers.SGD(0.1), new ai.lepton.losses.MeanSquaredError().reduction("none"));
        b.compile(new ai.lepton.optimizers.SGD(0.1), new ai.lepton.losses.MeanSquaredError());
        Tensor x = Tensor.randn(3, 16, 3);
        Tensor y = x.sum(1, true);
        a.fit(x, y, FitOptions.create().epochs(2).batchSize(8).shuffle(false).verbose(0));
        b.fit(x, y, FitOptions.create().epochs(2).batchSize(8).shuffle(false).verbose(0));
        assertArrayEqualsExactly(b.getWeights().get(0).toArray(), a.getWeights().get(0).toArray());
    }

    private static void assertArrayEqualsExactly(double[] expected, double[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 1e-15);
    }
}
