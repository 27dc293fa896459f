package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.ConfigException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final int[] BINARY = {32, 1};
    private static final int[] CLASSES = {32, 10};

    @Test
    void accuracyResolvesLikeKeras() {
        assertInstanceOf(CategoricalAccuracy.class, Metrics.get("accuracy", CLASSES, CLASSES));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.get("accuracy", new int[] {32}, CLASSES));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.get("accuracy", BINARY, CLASSES));
        assertInstanceOf(BinaryAccuracy.class, Metrics.get("accuracy", BINARY, BINARY));
        assertInstanceOf(BinaryAccuracy.class, Metrics.get("acc", new int[] {32}, BINARY));
        assertEquals("acc", Metrics.get("acc", new int[] {32}, BINARY).name());
    }

    @Test
    void everyKerasNameGivesItsMetricReportedUnderThatName() {
        assertInstanceOf(AUC.class, Metrics.get("auc", BINARY, BINARY));
        assertInstanceOf(TopKCategoricalAccuracy.class, Metrics.get("top_k_categorical_accuracy", CLASSES, CLASSES));
        assertInstanceOf(SparseTopKCategoricalAccuracy.class, Metrics.get("sparse_top_k_categorical_accuracy", BINARY, CLASSES));
        assertInstanceOf(F1Score.class, Metrics.get("f1_score", CLASSES, CLASSES));
        assertInstanceOf(FBetaScore.class, Metrics.get("fbeta_score", CLASSES, CLASSES));
        assertInstanceOf(FBetaScore.class, Metrics.get("f_beta_score", CLASSES, CLASSES));
        assertInstanceOf(RootMeanSquaredError.class, Metrics.get("root_mean_squared_error", BINARY, BINARY));
        assertInstanceOf(R2Score.class, Metrics.get("r2_score", BINARY, BINARY));
        assertInstanceOf(Precision.class, Metrics.get("precision", BINARY, BINARY));
        assertInstanceOf(Recall.class, Metrics.get("recall", BINARY, BINARY));
        for (String loss : new String[] {"mse", "mae", "mape", "msle", "kld", "kl_divergence", "poisson", "hinge",
            "squared_hinge", "categorical_hinge", "binary_crossentropy", "categorical_crossentropy"}) {
            assertInstanceOf(LossMetric.class, Metrics.get(loss, CLASSES, CLASSES), loss);
        }
        for (String name : Metrics.NAMES) {
            assertEquals(name, Metrics.get(name, BINARY, CLASSES).name(), name);
        }
    }

    @Test
    void meanIouByNameCountsThePredictionsClasses() {
        MeanIoU sparse = (MeanIoU) Metrics.get("mean_iou", new int[] {32}, CLASSES);
        assertEquals(10, sparse.numClasses());
        assertEquals(true, sparse.getConfig().getBoolean("sparse_y_true"));
        assertEquals(false, sparse.getConfig().getBoolean("sparse_y_pred"));
        MeanIoU oneHot = (MeanIoU) Metrics.get("mean_io_u", CLASSES, CLASSES);
        assertEquals(false, oneHot.getConfig().getBoolean("sparse_y_true"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.get("mean_iou", BINARY, BINARY));
        assertTrue(e.getMessage().startsWith("mean_iou: by name, mean IoU needs predictions with one column per class"),
                e.getMessage());
    }

    @Test
    void classNamesGiveTheDefaultMetric() {
        Metric auc = Metrics.get("AUC", BINARY, BINARY);
        assertInstanceOf(AUC.class, auc);
        assertEquals("auc", auc.name());
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.get("aucc", BINARY, BINARY));
        assertTrue(e.getMessage().startsWith("Unknown metric: 'aucc'. Expected one of: [accuracy, acc,"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.check(null));
        assertThrows(IllegalArgumentException.class, () -> Metrics.register("auc", AUC.class, c -> new AUC()));
        assertThrows(IllegalArgumentException.class, () -> Metrics.register("AUC", AUC.class, c -> new AUC()));
    }

    @Test
    void fromConfigRejectsSettingsNobodyReads() {
        var config = new AUC().getConfig().put("dtype", "float32");
        assertInstanceOf(AUC.class, Metrics.fromConfig("AUC", config));
        var misspelt = new AUC().getConfig().put("num_treshold", 3);
        ConfigException e = assertThrows(ConfigException.class, () -> Metrics.fromConfig("AUC", misspelt));
        assertEquals("AUC: unknown settings [num_treshold]", e.getMessage());
    }

    @Test
    void copyOfGivesAFreshMetricWithTheSameSettings() {
        Precision counted = (Precision) new Precision("p30").thresholds(0.3);
        counted.update(Tensor.of(new double[] {1}, 1), Tensor.of(new double[] {0.9}, 1));
        Metric copy = Metrics.copyOf(counted);
        assertNotSame(counted, copy);
        assertEquals("p30", copy.name());
        assertEquals(counted.getConfig(), copy.getConfig());
        assertEquals(0.0, copy.result());
        assertEquals("Precision", Metrics.nameOf(copy));
    }

    @Test
    void anUnregisteredMetricCannotBeCopied() {
        Metric anonymous = new MeanMetric("anonymous") {
            @Override
            public void update(Tensor yTrue, Tensor yPred) {
                accumulate(0, 1);
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.copyOf(anonymous));
        assertTrue(e.getMessage().contains("register its class with Metrics.register(name, class, factory)"), e.getMessage());
    }
}
