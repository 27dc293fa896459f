package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.models.FitOptions;
import ai.lepton.models.Sequential;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchNormalizationTest {
    private static final double EPSILON = 1e-3;

    private static BatchNormalization built(BatchNormalization layer, int... shape) {
        layer.build(shape, 3L);
        return layer;
    }

    @Test
    void weightsAreGammaBetaMovingMeanMovingVarianceAsInKeras() {
        BatchNormalization layer = built(new BatchNormalization(), 5, 5, 64);
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"), layer.weightNames());
        assertEquals(256, layer.countParams(), "Keras counts 4 * channels");
        assertEquals(2, layer.trainableWeights().size());
        assertEquals(2, layer.nonTrainableWeights().size());
        assertArrayEquals(new double[] {1, 1}, Arrays.copyOf(layer.getWeights().get(0).toArray(), 2), 0.0);
        assertArrayEquals(new double[] {1, 1}, Arrays.copyOf(layer.getWeights().get(3).toArray(), 2), 0.0);
        assertEquals(List.of("beta", "moving_mean", "moving_variance"), built(new BatchNormalization().scale(false), 4).weightNames());
        assertEquals(List.of("gamma", "moving_mean", "moving_variance"), built(new BatchNormalization().center(false), 4).weightNames());
        assertEquals(List.of(3), List.of(built(new BatchNormalization(1), 3, 7).getWeights().get(0).size()));
    }

    @Test
    void inferenceUsesTheMovingStatistics() {
        BatchNormalization layer = built(new BatchNormalization(), 2);
        layer.setWeights(List.of(Tensor.of(new double[] {2, 1}, 2), Tensor.of(new double[] {0.5, 0}, 2),
                Tensor.of(new double[] {1, -1}, 2), Tensor.of(new double[] {4, 0.25}, 2)));
        Tensor y = layer.call(Tensor.of(new double[] {3, 1}, 1, 2), false);
        assertEquals(2 * (3 - 1) / Math.sqrt(4 + EPSILON) + 0.5, y.get(0, 0), 1e-15);
        assertEquals((1 + 1) / Math.sqrt(0.25 + EPSILON), y.get(0, 1), 1e-14);
    }

    @Test
    void trainingUsesTheBatchAndMovesTheMovingStatisticsWithMomentum() {
        BatchNormalization layer = built(new BatchNormalization().momentum(0.9), 1);
        Tensor x = Tensor.of(new double[] {1, 2, 3, 6}, 4, 1);
        Tensor y = layer.call(x, true);
        double mean = 3;
        double variance = (4 + 1 + 0 + 9) / 4.0;
        assertEquals((1 - mean) / Math.sqrt(variance + EPSILON), y.get(0, 0), 1e-15);
        assertEquals(0.9 * 0 + 0.1 * mean, layer.getWeights().get(2).item(), 1e-15);
        assertEquals(0.9 * 1 + 0.1 * variance, layer.getWeights().get(3).item(), 1e-15);
    }

    @Test
    void aFrozenLayerRunsInInferenceModeEvenWhenTraining() {
        BatchNormalization layer = built(new BatchNormalization(), 3);
        layer.trainable(false);
        Tensor x = Tensor.randn(1, 8, 3);
        assertArrayEquals(layer.call(x, false).toArray(), layer.call(x, true).toArray(), 0.0);
        assertArrayEquals(new double[3], layer.getWeights().get(2).toArray(), 0.0, "moving mean untouched");
    }

    @Test
    void fitTrainsGammaAndBetaAndMovesTheStatisticsWhilePredictUsesThem() {
        BatchNormalization norm = new BatchNormalization();
        Sequential model = new Sequential(new Dense(4).inputShape(3), norm, new Dense(1)).seed(2);
        model.compile("sgd", "mse");
        Tensor x = Tensor.randn(3, 32, 3).mul(3).add(5);
        Tensor y = Tensor.randn(4, 32, 1);
        model.predict(x);
        List<Tensor> before = norm.getWeights();
        model.fit(x, y, FitOptions.create().epochs(2).batchSize(8).verbose(0));
        List<Tensor> after = norm.getWeights();
        for (int i = 0; i < 4; i++) {
            assertFalse(Arrays.equals(before.get(i).toArray(), after.get(i).toArray()), norm.weightNames().get(i) + " changed");
        }
        Tensor atInference = model.predict(x);
        assertArrayEquals(atInference.toArray(), model.predict(x).toArray(), 0.0, "inference leaves the statistics alone");
    }

    @Test
    void aFrozenLayerKeepsAllFourWeightsInFit() {
        BatchNormalization norm = new BatchNormalization().trainable(false);
        Sequential model = new Sequential(new Dense(4).inputShape(3), norm, new Dense(1)).seed(2);
        model.compile("sgd", "mse");
        model.fit(Tensor.randn(3, 16, 3), Tensor.randn(4, 16, 1), FitOptions.create().epochs(1).batchSize(8).verbose(0));
        List<Tensor> after = norm.getWeights();
        assertArrayEquals(new double[] {1, 1, 1, 1}, after.get(0).toArray(), 0.0);
        assertArrayEquals(new double[4], after.get(2).toArray(), 0.0);
        assertArrayEquals(new double[] {1, 1, 1, 1}, after.get(3).toArray(), 0.0);
    }

    @Test
    void configHasKerasKeysAndReadsKerasOwnOnes() {
        BatchNormalization layer = new BatchNormalization(1).momentum(0.9).epsilon(1e-5).gammaRegularizer(new L2(0.1))
                .betaConstraint(new NonNeg());
        Config config = layer.getConfig();
        assertEquals(1, config.getInt("axis"));
        assertEquals(0.9, config.getDouble("momentum"));
        assertEquals("ones", config.getString("moving_variance_initializer"));
        assertEquals("L2", config.getConfig("gamma_regularizer").getString("class_name"));
        assertEquals(config, Layers.fromConfig("BatchNormalization", config.copy()).getConfig());
        Config keras = config.copy().put("synchronized", false).put("renorm", false).put("renorm_clipping", null)
                .put("renorm_momentum", 0.99);
        assertEquals(config, Layers.fromConfig("BatchNormalization", keras).getConfig());
        ConfigException e = assertThrows(ConfigException.class,
                () -> Layers.fromConfig("BatchNormalization", config.copy().put("renorm", true)));
        assertTrue(e.getMessage().contains("renorm"), e.getMessage());
    }

    @Test
    void badSettingsAndShapesAreRejectedNamingTheLayer() {
        ShapeException e = assertThrows(ShapeException.class, () -> built(new BatchNormalization(3), 4, 5));
        assertTrue(e.getMessage().contains("'batch_normalization'") && e.getMessage().contains("(None, 4, 5)")
                && e.getMessage().contains("axis=3"), e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> new BatchNormalization(0));
        assertTrue(a.getMessage().contains("Received: axis=0"), a.getMessage());
        a = assertThrows(IllegalArgumentException.class, () -> new BatchNormalization().momentum(1.5));
        assertTrue(a.getMessage().contains("Received: momentum=1.5"), a.getMessage());
        a = assertThrows(IllegalArgumentException.class, () -> new BatchNormalization().epsilon(0));
        assertTrue(a.getMessage().contains("Received: epsilon=0.0"), a.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchNormalization().gammaInitializer("onez"));
    }

    @Test
    void aMaskedSequenceTakesItsStatisticsFromTheKeptSteps() {
        BatchNormalization layer = built(new BatchNormalization().momentum(0.0), 3, 1);
        Tensor x = Tensor.of(new double[] {1, 3, 100, 5, 1000, 2000}, 2, 3, 1);
        Storage.attachMask(x, Tensor.of(new double[] {1, 1, 0, 1, 0, 0}, 2, 3));
        layer.call(x, true);
        double n = 3 + 1e-7;
        assertEquals(9 / n, layer.getWeights().get(2).item(), 1e-12, "moving mean (momentum 0) is the masked mean");
        BatchNormalization channelsFirst = built(new BatchNormalization(1), 3, 1);
        ShapeException e = assertThrows(ShapeException.class, () -> channelsFirst.call(x, true));
        assertTrue(e.getMessage().contains("mask"), e.getMessage());
    }
}
