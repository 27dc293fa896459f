package ai.lepton.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.layers.BatchNormalization;
import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Dropout;
import ai.lepton.layers.Flatten;
import ai.lepton.layers.GaussianNoise;
import ai.lepton.layers.MaxPooling2D;
import ai.lepton.models.FitOptions;
import ai.lepton.models.History;
import ai.lepton.models.Sequential;
import ai.lepton.optimizers.Adam;
import ai.lepton.optimizers.SGD;
import ai.lepton.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With the same seed, the same global batch and no shuffling, training on Spark gives the
 * weights of single-machine {@code fit} up to the order of floating-point sums, for an MLP and a
 * small CNN, with 2 and 4 partitions on {@code local[2]}.
 */
@ExtendWith(LocalSpark.class)
class SparkTrainerEquivalenceTest {
    /** The bound; the error measured is about 1e-15 (printed by the tests). */
    private static final double RELATIVE_TOLERANCE = 1e-9;
    private static final int EXAMPLES = 300;
    private static final int BATCH = 64;
    private static final int EPOCHS = 2;

    private static Sequential mlp() {
        Sequential model = new Sequential(new Dense(32, "relu").inputShape(20), new Dense(4, "softmax")).seed(11);
        model.compile(new Adam(1e-2), "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    private static Sequential cnn() {
        Sequential model = new Sequential(
                new Conv2D(4, 3, "relu").padding("same").inputShape(8, 8, 1),
                new MaxPooling2D(),
                new Flatten(),
                new Dense(3, "softmax")).seed(12);
        model.compile(new SGD(0.05).momentum(0.9), "categorical_crossentropy", "accuracy");
        return model;
    }

    private static FitOptions options() {
        return FitOptions.create().epochs(EPOCHS).batchSize(BATCH).shuffle(false).verbose(0);
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {2, 4})
    void mlpOnSparkMatchesSingleMachineFit(int partitions) {
        Tensor x = Tensor.randn(1, EXAMPLES, 20);
        Tensor y = x.matmul(Tensor.randn(2, 20, 4)).argmax(1);
        assertEquivalent(SparkTrainerEquivalenceTest::mlp, x, y, partitions);
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {2, 4})
    void cnnOnSparkMatchesSingleMachineFit(int partitions) {
        Tensor x = Tensor.randn(3, EXAMPLES, 8, 8, 1);
        Tensor classes = x.reshape(EXAMPLES, 64).matmul(Tensor.randn(4, 64, 3)).argmax(1);
        Tensor y = Tensor.zeros(3).add(classes.reshape(EXAMPLES, 1)).sub(Tensor.of(new double[] {0, 1, 2}, 3)).abs()
                .neg().add(1).relu();  // one-hot: 1 where the column equals the class
        assertEquivalent(SparkTrainerEquivalenceTest::cnn, x, y, partitions);
    }

    @Test
    void aModelWithDropoutAndNoiseTrainsReproduciblyOnSpark() {
        Tensor x = Tensor.randn(1, EXAMPLES, 20);
        Tensor y = x.matmul(Tensor.randn(2, 20, 4)).argmax(1);
        Supplier<Sequential> make = () -> {
            Sequential model = new Sequential(new Dense(32, "relu").inputShape(20), new Dropout(0.3),
                    new GaussianNoise(0.1), new Dense(4, "softmax")).seed(13);
            model.compile(new Adam(1e-2), "sparse_categorical_crossentropy", "accuracy");
            return model;
        };
        JavaRDD<LabeledExample> data = LocalSpark.context().parallelize(Weights.examples(x, y), 4);
        Sequential first = make.get();
        History h = SparkTrainer.of(first).fit(data, options().shuffle(true).epochs(4));
        Sequential second = make.get();
        SparkTrainer.of(second).fit(data, options().shuffle(true).epochs(4));
        for (int i = 0; i < first.getWeights().size(); i++) {
            assertArrayEquals(first.getWeights().get(i).toArray(), second.getWeights().get(i).toArray(), "weight " + i);
        }
        List<Double> loss = h.loss();
        assertTrue(loss.get(loss.size() - 1) < loss.get(0), "the loss must fall: " + loss);
    }

    @Test
    void batchNormalizationsMovingMeanFollowsTheWholeBatch() {
        Tensor x = Tensor.randn(5, EXAMPLES, 20).add(2);
        Tensor y = x.matmul(Tensor.randn(6, 20, 4)).argmax(1);
        Supplier<Sequential> make = () -> {
            // The frozen first layer gives both runs the same batch statistics at every step.
            Sequential model = new Sequential(new Dense(8).inputShape(20).trainable(false), new BatchNormalization(),
                    new Dense(4, "softmax")).seed(14);
            model.compile(new SGD(0.1), "sparse_categorical_crossentropy");
            return model;
        };
        Sequential local = make.get();
        local.fit(x, y, options());
        Sequential distributed = make.get();
        JavaRDD<LabeledExample> data = LocalSpark.context().parallelize(Weights.examples(x, y), 3);
        SparkTrainer.of(distributed).fit(data, options());

        BatchNormalization localNorm = (BatchNormalization) local.layers().get(1);
        BatchNormalization sparkNorm = (BatchNormalization) distributed.layers().get(1);
        double[] want = localNorm.getWeights().get(2).toArray();   // gamma, beta, moving_mean, moving_variance
        double[] got = sparkNorm.getWeights().get(2).toArray();
        assertTrue(Math.abs(want[0]) > 1e-3, "the moving mean must have moved: " + want[0]);
        assertArrayEquals(want, got, 1e-12, "the example-weighted mean of the partitions' updates is the batch's");
        for (double v : sparkNorm.getWeights().get(3).toArray()) {
            assertTrue(v > 0 && v != 1.0, "the moving variance is updated from the partitions: " + v);
        }
    }

    private static void assertEquivalent(Supplier<Sequential> make, Tensor x, Tensor y, int partitions) {
        Sequential local = make.get();
        History expected = local.fit(x, y, options());

        Sequential distributed = make.get();
        JavaRDD<LabeledExample> data = LocalSpark.context().parallelize(Weights.examples(x, y), partitions);
        History actual = SparkTrainer.of(distributed).fit(data, options());

        double error = Weights.maxRelativeError(local.getWeights(), distributed.getWeights());
        System.out.printf("%s, %d partitions: max relative weight error %.3g%n", local.layers().get(0).getClass()
                .getSimpleName(), partitions, error);
        assertTrue(error <= RELATIVE_TOLERANCE, "relative error " + error);
        assertTrue(Weights.maxRelativeError(make.get().getWeights(), local.getWeights()) > 1e-3,
                "training must move the weights for the comparison to mean anything");
        assertEquals(local.optimizer().iterations(), distributed.optimizer().iterations());
        for (String key : expected.keys()) {
            for (int e = 0; e < EPOCHS; e++) {
                double want = expected.metric(key).get(e);
                assertEquals(want, actual.metric(key).get(e), RELATIVE_TOLERANCE * Math.abs(want), key + " epoch " + e);
            }
        }
    }
}
