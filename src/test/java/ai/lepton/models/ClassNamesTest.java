package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.data.DataLoader;
import ai.lepton.data.Dataset;
import ai.lepton.layers.Dense;
import ai.lepton.optimizers.Adam;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class names learned from the data travel with the model, into its file and its predictions. */
class ClassNamesTest {
    private static final List<String> PETS = List.of("cat", "dog", "fish");

    /** Three well separated clusters, one per class, labelled 0, 1, 2. */
    private static Dataset clusters(List<String> names) {
        int n = 30;
        double[] x = new double[n * 2];
        double[] y = new double[n];
        Tensor noise = Tensor.randn(7, n, 2);
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            y[i] = c;
            x[2 * i] = 4 * c + 0.1 * noise.toArray()[2 * i];
            x[2 * i + 1] = -4 * c + 0.1 * noise.toArray()[2 * i + 1];
        }
        return Dataset.of(Tensor.of(x, n, 2), Tensor.of(y, n), names);
    }

    private static Sequential classifier() {
        Sequential model = new Sequential(new Dense(8, "relu").inputShape(2), new Dense(3, "softmax"));
        model.compile(new Adam(0.05), "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    @Test
    void fitOnNamedDataGivesTheModelItsClassesAndPredictionsTheirNames() {
        Sequential model = classifier();
        assertEquals(List.of(), model.classNames());
        Dataset data = clusters(PETS);
        model.fit(DataLoader.of(data, 10), 60);
        assertEquals(PETS, model.classNames());
        int[] classes = model.predictClasses(data.x());
        List<String> names = model.predictClassNames(data.x());
        double[] labels = data.y().toArray();
        int right = 0;
        for (int i = 0; i < classes.length; i++) {
            assertEquals(PETS.get(classes[i]), names.get(i));
            right += classes[i] == (int) labels[i] ? 1 : 0;
        }
        assertTrue(right >= 27, "the clusters are separable; right: " + right);
    }

    @Test
    void theClassesAreSavedWithTheModel(@TempDir Path dir) {
        Sequential model = classifier();
        model.fit(DataLoader.of(clusters(PETS), 10), 2);
        Path file = dir.resolve("pets.lepton");
        model.save(file);
        Model loaded = Model.load(file);
        assertEquals(PETS, loaded.classNames());
        Tensor x = clusters(PETS).x();
        assertEquals(model.predictClassNames(x), loaded.predictClassNames(x));
    }

    @Test
    void dataWhoseClassesDifferFromTheModelsIsRefused() {
        Sequential model = classifier();
        model.fit(DataLoader.of(clusters(PETS), 10), 1);
        List<String> reordered = List.of("dog", "cat", "fish");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(DataLoader.of(clusters(reordered), 10), 1));
        assertTrue(e.getMessage().contains("[dog, cat, fish]") && e.getMessage().contains("[cat, dog, fish]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.evaluate(DataLoader.of(clusters(reordered), 10)));
        assertTrue(e.getMessage().startsWith("evaluate"), e.getMessage());
    }

    @Test
    void namesMustBeDistinctAndFitTheOutput() {
        Sequential model = classifier();
        assertThrows(IllegalArgumentException.class, () -> model.classNames(List.of("a", "a", "b")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.classNames(List.of("a", "b")));
        assertTrue(e.getMessage().contains("width 3"), e.getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> model.predictClassNames(Tensor.zeros(1, 2)));
        assertTrue(none.getMessage().contains("classNames(List)"), none.getMessage());
    }

    @Test
    void aSingleSigmoidUnitHasTwoClassesSplitAtOneHalf() {
        Sequential model = new Sequential(new Dense(1, "sigmoid").inputShape(1));
        model.setWeights(List.of(Tensor.of(new double[] {1}, 1, 1), Tensor.zeros(1)));
        model.classNames(List.of("no", "yes"));
        Tensor x = Tensor.of(new double[] {-2, 0.5, 3}, 3, 1);
        assertArrayEquals(new int[] {0, 1, 1}, model.predictClasses(x));
        assertEquals(List.of("no", "yes", "yes"), model.predictClassNames(x));
    }
}
