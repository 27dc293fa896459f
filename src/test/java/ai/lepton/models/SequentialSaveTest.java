package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.io.ModelFile;
import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Dropout;
import ai.lepton.layers.Flatten;
import ai.lepton.layers.MaxPooling2D;
import ai.lepton.losses.Loss;
import ai.lepton.optimizers.Adam;
import ai.lepton.optimizers.Optimizer;
import ai.lepton.optimizers.RMSprop;
import ai.lepton.optimizers.SGD;
import ai.lepton.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading through {@link Sequential}: bit-exact predictions and resumed training, atomic writes. */
class SequentialSaveTest {
    private static final int EXAMPLES = 40;
    private static final int CLASSES = 3;

    @TempDir
    Path dir;

    static Tensor images() {
        return Tensor.rand(11, EXAMPLES, 6, 6, 1);
    }

    static Tensor oneHotLabels() {
        double[] y = new double[EXAMPLES * CLASSES];
        for (int i = 0; i < EXAMPLES; i++) {
            y[i * CLASSES + (i * 7) % CLASSES] = 1;
        }
        return Tensor.of(y, EXAMPLES, CLASSES);
    }

    /** A small CNN with every kind of layer, Dropout included. */
    static Sequential cnn(Optimizer optimizer) {
        Sequential model = new Sequential(
                new Conv2D(4, 3, "relu").padding("same").inputShape(6, 6, 1),
                new MaxPooling2D(),
                new Flatten(),
                new Dropout(0.3),
                new Dense(8, "tanh"),
                new Dense(CLASSES, "softmax")).seed(5);
        model.compile(optimizer, "categorical_crossentropy", "accuracy");
        return model;
    }

    static FitOptions epochs(int n) {
        return FitOptions.create().epochs(n).batchSize(8).seed(99).verbose(0);
    }

    static void assertBitIdentical(List<Tensor> expected, List<Tensor> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).shape(), actual.get(i).shape());
            double[] e = expected.get(i).toArray();
            double[] a = actual.get(i).toArray();
            for (int j = 0; j < e.length; j++) {
                assertEquals(Double.doubleToRawLongBits(e[j]), Double.doubleToRawLongBits(a[j]),
                        "tensor " + i + " element " + j + ": " + e[j] + " vs " + a[j]);
            }
        }
    }

    @Test
    void loadedModelPredictsBitIdenticallyAndKeepsItsSettings() {
        Sequential model = cnn(new Adam(0.01));
        model.fit(images(), oneHotLabels(), epochs(1));
        Path file = dir.resolve("cnn.lepton");
        model.save(file);

        Sequential loaded = Sequential.load(file);
        assertBitIdentical(List.of(model.predict(images())), List.of(loaded.predict(images())));
        assertEquals(model.summary(), loaded.summary());
        assertEquals(model.seed(), loaded.seed());
        assertEquals(model.name(), loaded.name());
        assertEquals("categorical_crossentropy", loaded.loss().name());
        assertEquals(List.of("accuracy"), loaded.metricNames());
        assertEquals(model.optimizer().getConfig(), loaded.optimizer().getConfig());
        assertEquals(model.optimizer().iterations(), loaded.optimizer().iterations());
        assertBitIdentical(model.optimizer().variables(), loaded.optimizer().variables());
        for (int i = 0; i < model.layers().size(); i++) {
            assertEquals(model.layers().get(i).getConfig(), loaded.layers().get(i).getConfig());
        }
    }

    @Test
    void trainingTwoEpochsSavingLoadingAndOneMoreEqualsThreeStraightForEveryOptimizer() {
        List<Supplier<Optimizer>> optimizers = List.of(
                () -> new Adam(0.01),
                () -> new SGD(0.05).momentum(0.9).nesterov(true),
                () -> new RMSprop(0.005).momentum(0.5).centered(true));
        for (Supplier<Optimizer> optimizer : optimizers) {
            Sequential straight = cnn(optimizer.get());
            History all = straight.fit(images(), oneHotLabels(), epochs(3));

            Sequential first = cnn(optimizer.get());
            first.fit(images(), oneHotLabels(), epochs(2));
            Path file = dir.resolve("resume-" + first.optimizer().name() + ".lepton");
            first.save(file);
            Sequential resumed = Sequential.load(file);
            History last = resumed.fit(images(), oneHotLabels(), epochs(3).initialEpoch(2));

            assertEquals(List.of(2), last.epochs());
            assertEquals(all.loss().get(2), last.loss().get(0), "epoch 3's loss with " + optimizer.get().name());
            assertBitIdentical(straight.getWeights(), resumed.getWeights());
            assertEquals(straight.optimizer().iterations(), resumed.optimizer().iterations());
        }
    }

    @Test
    void theCurrentLearningRateIsSaved() {
        Sequential model = cnn(new Adam(0.01));
        model.fit(images(), oneHotLabels(), epochs(1));
        model.optimizer().learningRate(0.00125);
        model.save(dir.resolve("lr.lepton"));
        assertEquals(0.00125, Sequential.load(dir.resolve("lr.lepton")).optimizer().learningRate());
    }

    @Test
    void anUncompiledModelLoadsUncompiled() {
        Sequential model = new Sequential(new Dense(4, "relu").inputShape(3), new Dense(2)).seed(3);
        Path file = dir.resolve("plain.lepton");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertNull(loaded.optimizer());
        assertNull(loaded.loss());
        Tensor x = Tensor.randn(1, 5, 3);
        assertBitIdentical(List.of(model.predict(x)), List.of(loaded.predict(x)));
    }

    @Test
    void aModelWithoutAnInputShapeSavesItsArchitectureAndMakesTheSameWeightsWhenLoaded() {
        Sequential model = new Sequential(new Dense(4, "relu"), new Dense(2)).seed(17);
        model.compile("sgd", "mse");
        Path file = dir.resolve("architecture.lepton");
        model.save(file);
        assertTrue(ModelFile.read(file).arrays().isEmpty());

        Sequential loaded = Sequential.load(file);
        Tensor x = Tensor.randn(2, 5, 3);
        assertBitIdentical(List.of(model.predict(x)), List.of(loaded.predict(x)));
        assertEquals("sgd", loaded.optimizer().name());
    }

    @Test
    void aFailureWhileSavingKeepsThePreviousFileIntact() throws IOException {
        Sequential model = cnn(new Adam(0.01));
        Path file = dir.resolve("model.lepton");
        model.save(file);
        byte[] good = Files.readAllBytes(file);
        model.fit(images(), oneHotLabels(), epochs(1));

        // An interrupted thread cannot write to a file channel: the write fails part-way.
        Thread.currentThread().interrupt();
        try {
            assertThrows(UncheckedIOException.class, () -> model.save(file));
        } finally {
            Thread.interrupted();
        }
        assertArrayEquals(good, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("model.lepton"), files.map(p -> p.getFileName().toString()).toList());
        }
        Sequential.load(file).predict(images());
    }

    @Test
    void aModelThatAFileCannotDescribeIsRefusedBeforeTheOldFileIsTouched() throws IOException {
        Sequential model = cnn(new Adam(0.01));
        Path file = dir.resolve("model.lepton");
        model.save(file);
        byte[] good = Files.readAllBytes(file);
        model.compile(new Adam(), new Loss() {
            @Override
            public String name() {
                return "my_loss";
            }

            @Override
            public Tensor compute(Tensor yTrue, Tensor yPred) {
                return yPred.sub(yTrue).abs().mean();
            }
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.save(file));
        assertTrue(e.getMessage().contains("my_loss"), e.getMessage());
        assertArrayEquals(good, Files.readAllBytes(file));
    }

    @Test
    void savingBeforeAndAfterTrainingGivesDifferentFilesThatBothLoad() {
        Sequential model = cnn(new Adam(0.01));
        Path before = dir.resolve("before.lepton");
        model.save(before);
        model.fit(images(), oneHotLabels(), epochs(1));
        Path after = dir.resolve("after.lepton");
        model.save(after);
        assertEquals(0, Sequential.load(before).optimizer().iterations());
        assertNotEquals(0, Sequential.load(after).optimizer().iterations());
    }
}
