package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.data.Batch;
import ai.lepton.data.CsvOptions;
import ai.lepton.data.DataLoader;
import ai.lepton.data.Dataset;
import ai.lepton.data.Split;
import ai.lepton.layers.Dense;
import ai.lepton.layers.RandomFlip;
import ai.lepton.optimizers.Adam;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Training, evaluating and predicting from {@link DataLoader}s, on synthetic data and on the real iris data. */
class SequentialLoaderTest {
    private static final double TOLERANCE = 1e-12;
    private static final Path IRIS = Path.of("data/iris.csv");

    private static Dataset clusters() {
        int n = 120;
        double[] x = new double[n * 2];
        double[] y = new double[n];
        Tensor noise = Tensor.randn(5, n, 2);
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x[2 * i] = (i % 2 == 0 ? -1.5 : 1.5) + 0.5 * noise.get(i, 0);
            x[2 * i + 1] = 0.5 * noise.get(i, 1);
        }
        return Dataset.of(Tensor.of(x, n, 2), Tensor.of(y, n, 1));
    }

    private static Sequential binaryModel() {
        Sequential model = new Sequential(new Dense(4, "relu").inputShape(2), new Dense(1, "sigmoid"));
        model.compile(new Adam(0.05), "binary_crossentropy", "accuracy", "precision", "recall");
        return model;
    }

    @Test
    void fitsAndEvaluatesFromLoadersAsFromTensors() {
        Dataset data = clusters();
        Sequential model = binaryModel();
        History h = model.fit(DataLoader.of(data, 16).shuffle(3), FitOptions.create().epochs(20).verbose(0)
                .validationData(DataLoader.of(data, 50)));
        assertTrue(h.keys().contains("val_precision"), h.keys().toString());
        Evaluation fromLoader = model.evaluate(DataLoader.of(data, 7));
        Evaluation fromTensors = model.evaluate(data.x(), data.y());
        assertEquals(fromTensors.loss(), fromLoader.loss(), TOLERANCE);
        assertEquals(fromTensors.accuracy(), fromLoader.accuracy(), 0.0);
        assertEquals(fromTensors.metric("recall"), fromLoader.metric("recall"), 0.0);
        assertTrue(fromLoader.accuracy() > 0.95, fromLoader.toString());
        assertArrayEquals(model.predict(data.x()).toArray(), model.predict(DataLoader.of(data, 9)).toArray(), 0.0);
    }

    @Test
    void validationSplitIsRefusedForLoaders() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> binaryModel().fit(DataLoader.of(clusters(), 8), FitOptions.create().validationSplit(0.2)));
        assertTrue(e.getMessage().startsWith("fit: validationSplit=0.2 works on tensors only"), e.getMessage());
    }

    @Test
    void learnsRealIrisData() {
        Dataset iris = DataLoader.csv(IRIS, CsvOptions.create().labelColumn("species")).dataset();
        Split split = iris.split(0.2, 42);
        Sequential model = new Sequential(new Dense(16, "relu").inputShape(4), new Dense(3, "softmax"));
        model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
        model.fit(DataLoader.of(split.train(), 16).shuffle(1), FitOptions.create().epochs(100).verbose(0));
        double accuracy = model.evaluate(DataLoader.of(split.test(), 32)).accuracy();
        assertTrue(accuracy >= 0.9, "iris test accuracy " + accuracy);
    }

    @Test
    void fitsEvaluatesAndPredictsThroughAPipeline() {
        Dataset data = clusters();
        RandomFlip flip = new RandomFlip("horizontal");
        Sequential model = binaryModel();
        DataLoader train = DataLoader.of(data, 16).shuffle(3).mapExamples((b, r) -> new Batch(
                b.x().add(Tensor.of(new double[] {r.nextGaussian() * 0.01, r.nextGaussian() * 0.01}, 1, 2)), b.y()), 11)
                .prefetch(2).take(6);
        History h = model.fit(train, FitOptions.create().epochs(15).verbose(0));
        assertEquals(15, h.loss().size());
        DataLoader test = DataLoader.of(data, 32).map(b -> new Batch(flip.call(b.x().reshape(b.size(), 1, 2, 1), false)
                .reshape(b.size(), 2), b.y())).prefetch(1);
        Evaluation e = model.evaluate(test);
        assertEquals(model.evaluate(data.x(), data.y()).loss(), e.loss(), TOLERANCE);
        assertTrue(e.accuracy() > 0.9, e.toString());
        DataLoader firstTwo = DataLoader.of(data, 10).take(2);
        assertArrayEquals(new int[] {20, 1}, model.predict(firstTwo).shape());
        assertArrayEquals(Dataset.rows(model.predict(data.x()), java.util.stream.IntStream.range(0, 20).toArray()).toArray(),
                model.predict(firstTwo).toArray(), 0.0);
    }
}
