package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.data.Batch;
import ai.lepton.data.DataLoader;
import ai.lepton.data.Dataset;
import ai.lepton.data.SampleWeights;
import ai.lepton.layers.Dense;
import ai.lepton.optimizers.SGD;
import ai.lepton.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link FitOptions#classWeight} and {@link FitOptions#sampleWeight} in {@code fit}, weighted
 * validation and {@code evaluate}: hand-checkable cases and Keras's errors. The numbers against an
 * independent implementation are in {@link SampleWeightGoldenTest}.
 */
class SampleWeightFitTest {
    private static final int N = 8;
    private static final double TOLERANCE = 1e-12;

    private static Tensor x() {
        return Tensor.randn(11, N, 4);
    }

    private static Tensor labels() {
        return Tensor.of(new double[] {0, 1, 2, 2, 1, 0, 2, 1}, N);
    }

    private static Sequential classifier() {
        Sequential model = new Sequential(new Dense(5, "tanh").inputShape(4), new Dense(3, "softmax")).seed(5);
        model.compile(new SGD(0.1), "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    private static FitOptions quiet() {
        return FitOptions.create().epochs(2).batchSize(3).verbose(0);
    }

    private static void assertSameWeights(Model a, Model b) {
        for (int i = 0; i < a.getWeights().size(); i++) {
            assertArrayEquals(a.getWeights().get(i).toArray(), b.getWeights().get(i).toArray(), 0, "weight " + i);
        }
    }

    @Test
    void classWeightTrainsExactlyAsTheEquivalentSampleWeights() {
        Map<Integer, Double> classWeight = Map.of(0, 3.0, 2, 0.25);
        Sequential byClass = classifier();
        History h1 = byClass.fit(x(), labels(), quiet().classWeight(classWeight));
        Sequential bySample = classifier();
        History h2 = bySample.fit(x(), labels(), quiet().sampleWeight(SampleWeights.fromClassWeight(labels(), classWeight)));
        assertEquals(h2.loss(), h1.loss());
        assertSameWeights(byClass, bySample);
    }

    @Test
    void zeroWeightsLeaveTheModelUntouchedAndTheLossZero() {
        Sequential model = classifier();
        List<Tensor> before = model.getWeights();
        History h = model.fit(x(), labels(), quiet().sampleWeight(Tensor.zeros(N)));
        assertEquals(List.of(0.0, 0.0), h.loss());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i).toArray(), model.getWeights().get(i).toArray(), 0);
        }
        assertEquals(List.of(0.0, 0.0), classifier().fit(x(), labels(),
                quiet().classWeight(Map.of(0, 0.0, 1, 0.0, 2, 0.0))).loss());
    }

    @Test
    void evaluateWeighsTheLossButNotTheMetrics() {
        Sequential model = classifier();
        Evaluation plain = model.evaluate(x(), labels());
        Evaluation doubled = model.evaluate(x(), labels(), Tensor.ones(N).mul(2));
        assertEquals(2 * plain.loss(), doubled.loss(), TOLERANCE);
        assertEquals(plain.accuracy(), doubled.accuracy(), 0);
        // Only the first example counts, divided by all N: sum_i(w_i * loss_i) / N.
        double[] w = new double[N];
        w[0] = 1;
        double firstLoss = model.evaluate(Dataset.rows(x(), new int[] {0}), Tensor.of(new double[] {0}, 1)).loss();
        assertEquals(firstLoss / N, model.evaluate(x(), labels(), Tensor.of(w, N)).loss(), TOLERANCE);
    }

    @Test
    void theWeightsOfAValidationSplitFollowTheirExamples() {
        // The last quarter (2 examples) is held out, weighted 0: val_loss is 0; the training part weighs 1.
        double[] w = {1, 1, 1, 1, 1, 1, 0, 0};
        Sequential split = classifier();
        History h = split.fit(x(), labels(), quiet().validationSplit(0.25).sampleWeight(Tensor.of(w, N)));
        assertEquals(List.of(0.0, 0.0), h.metric("val_loss"));
        Sequential plain = classifier();
        History unweighted = plain.fit(x(), labels(), quiet().validationSplit(0.25));
        assertEquals(unweighted.loss().size(), h.loss().size());
        for (int i = 0; i < h.loss().size(); i++) {
            assertEquals(unweighted.loss().get(i), h.loss().get(i), TOLERANCE);
        }
    }

    @Test
    void weightedValidationDataGiveTheWeightedValLoss() {
        Sequential model = classifier();
        Tensor vw = Tensor.of(new double[] {0.5, 2, 1, 0, 3, 1, 1, 0.25}, N);
        History h = model.fit(x(), labels(), quiet().epochs(1).validationData(x(), labels(), vw));
        assertEquals(model.evaluate(x(), labels(), vw).loss(), h.metric("val_loss").get(0), TOLERANCE);
    }

    @Test
    void everyOutputOfAModelIsWeighted() {
        SymbolicTensor in = Input.shape(4);
        SymbolicTensor hidden = new Dense(4, "tanh").apply(in);
        Model model = new Model(List.of(in), List.of(new Dense(3, "softmax").apply(hidden), new Dense(1).apply(hidden)));
        model.compile(new SGD(0.1), List.of("sparse_categorical_crossentropy", "mse"));
        List<Tensor> ys = List.of(labels(), Tensor.randn(2, N, 1));
        Evaluation plain = model.evaluate(List.of(x()), ys, 4);
        Evaluation halved = model.evaluate(List.of(x()), ys, Tensor.ones(N).mul(0.5), 4);
        assertEquals(plain.loss() / 2, halved.loss(), TOLERANCE);
        for (String key : plain.values().keySet()) {
            if (key.endsWith("loss")) {
                assertEquals(plain.metric(key) / 2, halved.metric(key), TOLERANCE, key);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(List.of(x()), ys, quiet().classWeight(Map.of(0, 2.0))));
        assertEquals("fit: classWeight is only supported for models with a single output, as in Keras; " + model.describe()
                + " has 2 outputs. Give sample weights instead", e.getMessage());
    }

    @Test
    void classWeightKeysMustBeClassesOfTheOutput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> classifier().fit(x(), labels(), quiet().classWeight(Map.of(0, 1.0, 3, 2.0))));
        assertEquals("fit: classWeight has class 3, but the model's output has 3 classes (0 to 2). Received: "
                + "classWeight={0=1.0, 3=2.0}", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FitOptions.create().classWeight(Map.of(-1, 1.0)));

        // One sigmoid unit tells classes 0 and 1 apart.
        Sequential binary = new Sequential(new Dense(1, "sigmoid").inputShape(4));
        binary.compile(new SGD(0.1), "binary_crossentropy");
        Tensor y = Tensor.of(new double[] {0, 1, 1, 0, 1, 0, 0, 1}, N, 1);
        binary.fit(x(), y, quiet().classWeight(Map.of(0, 1.0, 1, 4.0)));
        assertThrows(IllegalArgumentException.class, () -> binary.fit(x(), y, quiet().classWeight(Map.of(2, 1.0))));
    }

    @Test
    void classAndSampleWeightsTogetherAreAnErrorAsInKeras() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> classifier().fit(x(), labels(),
                quiet().classWeight(Map.of(0, 2.0)).sampleWeight(Tensor.ones(N))));
        assertEquals("fit: classWeight and sampleWeight cannot be used together, as in Keras; multiply them into one "
                + "sampleWeight (SampleWeights.fromClassWeight gives the class part)", e.getMessage());
        DataLoader weighted = DataLoader.of(Dataset.of(x(), labels()), 4).sampleWeight(Tensor.ones(N));
        assertThrows(IllegalArgumentException.class,
                () -> classifier().fit(weighted, FitOptions.create().verbose(0).classWeight(Map.of(0, 2.0))));
    }

    @Test
    void badSampleWeightsAreClearErrorsBeforeTraining() {
        assertEquals("fit: sampleWeight of shape (5,) must have one row per example, (8,), for 8 examples",
                assertThrows(IllegalArgumentException.class,
                        () -> classifier().fit(x(), labels(), quiet().sampleWeight(Tensor.ones(5)))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> FitOptions.create().sampleWeight(Tensor.of(new double[] {1, Double.NaN}, 2)));
        assertThrows(IllegalArgumentException.class, () -> FitOptions.create().sampleWeight(Tensor.of(new double[] {-1}, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> FitOptions.create().validationData(x(), labels(), Tensor.of(new double[] {Double.POSITIVE_INFINITY}, 1)));
        assertEquals("validationData: sampleWeight of shape (3,) must have one row per example, (8,), for 8 examples",
                assertThrows(IllegalArgumentException.class, () -> classifier().fit(x(), labels(),
                        quiet().validationData(x(), labels(), Tensor.ones(3)))).getMessage());
        assertEquals("evaluate: sampleWeight of shape (2,) must have one row per example, (8,), for 8 examples",
                assertThrows(IllegalArgumentException.class,
                        () -> classifier().evaluate(x(), labels(), Tensor.ones(2))).getMessage());
    }

    @Test
    void aLoaderOrAStepCarriesItsOwnWeights() {
        DataLoader loader = DataLoader.of(Dataset.of(x(), labels()), 4);
        assertEquals("fit: with a DataLoader, the loader carries the sample weights; set them with DataLoader.sampleWeight, "
                + "not FitOptions.sampleWeight", assertThrows(IllegalArgumentException.class,
                        () -> classifier().fit(loader, FitOptions.create().verbose(0).sampleWeight(Tensor.ones(N))))
                .getMessage());
        Sequential model = classifier();
        TrainStep step = new TrainStep() {
            @Override
            public Batch sample() {
                return loader.epoch(0).next();
            }

            @Override
            public int stepsPerEpoch() {
                return 1;
            }

            @Override
            public int batchSize() {
                return 4;
            }

            @Override
            public void run(int epoch, int s, EpochLogs logs) {
                model.computeLoss(sample(), true, logs);
            }
        };
        assertThrows(IllegalArgumentException.class,
                () -> model.fit(step, FitOptions.create().verbose(0).classWeight(Map.of(0, 2.0))));
    }
}
