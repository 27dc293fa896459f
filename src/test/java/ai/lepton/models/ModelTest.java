package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.data.Batch;
import ai.lepton.layers.Add;
import ai.lepton.layers.Concatenate;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Dropout;
import ai.lepton.layers.Layer;
import ai.lepton.losses.BinaryCrossentropy;
import ai.lepton.losses.Loss;
import ai.lepton.losses.MeanSquaredError;
import ai.lepton.losses.SparseCategoricalCrossentropy;
import ai.lepton.metrics.AUC;
import ai.lepton.metrics.MeanMetric;
import ai.lepton.metrics.Precision;
import ai.lepton.optimizers.Adam;
import ai.lepton.optimizers.SGD;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The functional API: graphs of layers with several inputs and outputs, shared layers and nested models. */
class ModelTest {
    private static final FitOptions QUIET = FitOptions.create().epochs(3).batchSize(8).verbose(0);

    private static Tensor x() {
        return Tensor.randn(1, 40, 4);
    }

    private static Tensor labels(Tensor x) {
        return x.matmul(Tensor.randn(2, 4, 3)).argmax(1);
    }

    @Test
    void aFunctionalChainTrainsBitIdenticallyToTheEquivalentSequential() {
        SymbolicTensor in = Input.shape(4);
        SymbolicTensor out = new Dense(3, "softmax").apply(new Dropout(0.2).apply(new Dense(8, "relu").apply(in)));
        Model functional = new Model(in, out).seed(7);
        Sequential sequential = new Sequential(new Dense(8, "relu").inputShape(4), new Dropout(0.2), new Dense(3, "softmax"))
                .seed(7);
        for (Model m : List.of(functional, sequential)) {
            m.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
        }
        History a = functional.fit(x(), labels(x()), QUIET);
        History b = sequential.fit(x(), labels(x()), QUIET);
        assertEquals(b.asMap(), a.asMap());
        List<Tensor> wa = functional.getWeights();
        List<Tensor> wb = sequential.getWeights();
        for (int i = 0; i < wa.size(); i++) {
            assertArrayEquals(wb.get(i).toArray(), wa.get(i).toArray(), 0.0);
        }
    }

    @Test
    void aLayerAppliedTwiceHasOneKernelWhoseGradientSumsBothCalls() {
        Dense shared = new Dense(2).useBias(false);
        SymbolicTensor a = Input.shape(3);
        SymbolicTensor b = Input.shape(3);
        Model model = new Model(List.of(a, b), List.of(new Add().apply(shared.apply(a), shared.apply(b))));
        model.compile(new SGD(0.1), "mse");
        assertEquals(1, model.trainableWeights().size(), "one kernel for two calls");
        Tensor xa = Tensor.randn(3, 5, 3);
        Tensor xb = Tensor.randn(4, 5, 3);
        Tensor y = Tensor.randn(5, 5, 2);
        Tensor kernel = model.trainableWeights().get(0);
        Batch batch = new Batch(List.of(xa, xb), List.of(y));
        model.computeLoss(batch, true, model.newLogs(batch)).backward();
        // mse(y, xa K + xb K) = mean((xa + xb) K - y)^2: its gradient is the sum over both calls.
        Tensor k = Tensor.of(kernel.toArray(), 3, 2).requiresGrad(true);
        xa.add(xb).matmul(k).sub(y).pow(2).mean().backward();
        assertArrayEquals(k.grad().toArray(), kernel.grad().toArray(), 1e-14);
    }

    @Test
    void aNestedSequentialIsOneLayerOfTheOuterModelAndSharesItsWeights() {
        Sequential block = new Sequential(new Dense(5, "tanh"), new Dense(4));
        SymbolicTensor in = Input.shape(4);
        SymbolicTensor out = new Dense(3, "softmax").apply(new Add().apply(in, block.apply(in)));
        Model model = new Model(in, out).seed(3);
        Tensor x = x();
        Tensor expected;
        Tensor y = model.predict(x);
        List<Layer> layers = model.layers();
        assertEquals(List.of("input_layer", "sequential", "add", "dense"), layers.stream().map(Layer::name).toList());
        assertSame(block, model.getLayer("sequential"));
        Dense head = (Dense) model.getLayer("dense");
        expected = head.call(x.add(block.predict(x)), false);
        assertArrayEquals(expected.toArray(), y.toArray(), 0.0);
        assertEquals(block.countParams() + head.countParams(), model.countParams());
    }

    @Test
    void twoOutputsTrainOnTheSumOfTheirLossesAndLogEachAsKerasNamesThem() {
        SymbolicTensor in = Input.shape(4);
        SymbolicTensor h = new Dense(6, "relu").apply(in);
        SymbolicTensor classes = new Dense(3, "softmax").name("classes").apply(h);
        SymbolicTensor value = new Dense(1).name("value").apply(h);
        Model model = new Model(List.of(in), List.of(classes, value)).seed(1);
        model.compile(new Adam(0.01), List.of("sparse_categorical_crossentropy", "mse"), "accuracy");
        Tensor x = x();
        Tensor target = x.sum(1, true);
        History h1 = model.fit(List.of(x), List.of(labels(x), target), QUIET.lossWeights(1.0, 0.5));
        assertEquals(List.of("classes_accuracy", "classes_loss", "loss", "value_accuracy", "value_loss"),
                List.copyOf(h1.keys()));
        for (int e = 0; e < 3; e++) {
            double total = h1.metric("classes_loss").get(e) + 0.5 * h1.metric("value_loss").get(e);
            assertEquals(total, h1.loss().get(e), 1e-12, "the total is the weighted sum of the outputs' losses");
        }
        List<Tensor> both = model.predict(List.of(x));
        assertArrayEquals(new int[] {40, 3}, both.get(0).shape());
        assertArrayEquals(new int[] {40, 1}, both.get(1).shape());
        assertThrows(IllegalStateException.class, () -> model.predict(x), "a single tensor cannot hold two outputs");
        model.compile(new Adam(0.01), List.of(new SparseCategoricalCrossentropy(), new MeanSquaredError()), List.of(List.of(), List.of()));
        List<Loss> oneMissing = new ArrayList<>(Arrays.asList(new MeanSquaredError(), null));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> model.compile(new Adam(), oneMissing, List.of(List.of(), List.of())));
        assertTrue(missing.getMessage().contains("losses"), missing.getMessage());
    }

    @Test
    void twoInputsAreConcatenatedInTheGivenOrder() {
        SymbolicTensor left = Input.shape(2).name("left");
        SymbolicTensor right = Input.shape(3).name("right");
        Model model = new Model(List.of(left, right), List.of(new Concatenate().apply(left, right)));
        Tensor a = Tensor.of(new double[] {1, 2}, 1, 2);
        Tensor b = Tensor.of(new double[] {3, 4, 5}, 1, 3);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, model.predict(List.of(a, b)).get(0).toArray(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> model.predict(List.of(a)));
    }

    @Test
    void aFrozenLayerKeepsItsWeightsAndTheSummarySaysSo() {
        Dense base = new Dense(8, "relu");
        SymbolicTensor in = Input.shape(4);
        Model model = new Model(in, new Dense(3, "softmax").apply(base.apply(in))).seed(2);
        base.trainable(false);
        model.compile(new Adam(0.05), "sparse_categorical_crossentropy");
        List<Tensor> before = base.getWeights();
        model.fit(x(), labels(x()), QUIET);
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i).toArray(), base.getWeights().get(i).toArray(), 0.0);
        }
        assertEquals(2, model.trainableWeights().size(), "only the head trains");
        assertEquals(2, model.optimizer().weights().size(), "no slots for frozen weights");
        String summary = model.summary();
        assertTrue(summary.contains(" Trainable params: 27 (216.00 B)") && summary.contains(" Non-trainable params: 40 (320.00 B)"),
                summary);
        model.trainable(false);
        assertTrue(model.trainableWeights().isEmpty());
    }

    @Test
    void metricObjectsGivenToCompileAreCopiedForEveryRunAndReportedUnderTheirNames() {
        Tensor x = x();
        double[] positive = x.sum(1, true).toArray();
        for (int i = 0; i < positive.length; i++) {
            positive[i] = positive[i] > 0 ? 1 : 0;
        }
        Tensor y = Tensor.of(positive, positive.length, 1);
        AUC auc = new AUC();
        Precision p30 = (Precision) new Precision("p30").thresholds(0.3);
        Sequential model = new Sequential(new Dense(1, "sigmoid").inputShape(4)).seed(3);
        model.compile(new Adam(0.05), new BinaryCrossentropy(), List.of(auc, p30));
        History history = model.fit(x, y, FitOptions.create().epochs(2).batchSize(8).verbose(0));
        assertEquals(List.of("auc", "loss", "p30"), List.copyOf(history.asMap().keySet()));
        assertEquals(0.0, auc.result());
        Precision expected = (Precision) new Precision().thresholds(0.3);
        expected.update(y, model.predict(x));
        assertEquals(expected.result(), model.evaluate(x, y).metric("p30"));

        assertThrows(IllegalArgumentException.class, () -> model.compile(new Adam(), new BinaryCrossentropy(),
                List.of(new AUC(), new AUC())));
        MeanMetric unregistered = new MeanMetric("unregistered") {
            @Override
            public void update(Tensor yTrue, Tensor yPred) {
                accumulate(0, 1);
            }
        };
        assertThrows(IllegalArgumentException.class,
                () -> model.compile(new Adam(), new BinaryCrossentropy(), List.of(unregistered)));
    }

    @Test
    void graphErrorsNameTheLayersAndShapes() {
        SymbolicTensor a = Input.shape(3);
        SymbolicTensor b = Input.shape(4);
        ShapeException shapes = assertThrows(ShapeException.class, () -> new Add().apply(a, b));
        assertTrue(shapes.getMessage().contains("'add' (Add)") && shapes.getMessage().contains("(None, 3)")
                && shapes.getMessage().contains("(None, 4)"), shapes.getMessage());

        SymbolicTensor hidden = new Dense(2).apply(b);
        IllegalArgumentException unreachable = assertThrows(IllegalArgumentException.class, () -> new Model(a, hidden));
        assertTrue(unreachable.getMessage().contains("not among the model's inputs"), unreachable.getMessage());

        IllegalArgumentException unused = assertThrows(IllegalArgumentException.class,
                () -> new Model(List.of(a, b), List.of(hidden)));
        assertTrue(unused.getMessage().contains("is not used by any output"), unused.getMessage());

        Dense twin = new Dense(2).name("twin");
        SymbolicTensor first = twin.apply(b);
        SymbolicTensor second = new Dense(2).name("twin").apply(first);
        IllegalArgumentException names = assertThrows(IllegalArgumentException.class, () -> new Model(b, second));
        assertTrue(names.getMessage().contains("two layers are named 'twin'"), names.getMessage());

        ShapeException rebuilt = assertThrows(ShapeException.class, () -> twin.apply(a));
        assertTrue(rebuilt.getMessage().contains("was built for input shape (None, 4)"), rebuilt.getMessage());

        Sequential inner = new Sequential(new Dense(2));
        Sequential outer = new Sequential(inner);
        assertThrows(IllegalArgumentException.class, () -> inner.add(outer), "a model cannot contain itself");
        assertThrows(IllegalArgumentException.class, () -> outer.add(outer));
    }

    @Test
    void aLoaderMayNotBeGivenABatchSizeOrShuffling() {
        Sequential model = new Sequential(new Dense(3, "softmax").inputShape(4));
        model.compile("sgd", "sparse_categorical_crossentropy");
        ai.lepton.data.DataLoader loader = ai.lepton.data.DataLoader.of(ai.lepton.data.Dataset.of(x(), labels(x())), 8);
        for (FitOptions wrong : List.of(FitOptions.create().batchSize(16), FitOptions.create().shuffle(false))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.fit(loader, wrong));
            assertTrue(e.getMessage().contains("set them on the loader"), e.getMessage());
        }
    }

    @Test
    void resumingFromAFileAtAnEpochRepeatsAShuffledLoadersRunExactly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        ai.lepton.data.Dataset data = ai.lepton.data.Dataset.of(x(), labels(x()));
        java.util.function.Supplier<Sequential> make = () -> {
            Sequential m = new Sequential(new Dense(6, "relu").inputShape(4), new Dropout(0.3), new Dense(3, "softmax"))
                    .seed(11);
            m.compile(new Adam(0.02), "sparse_categorical_crossentropy", "accuracy");
            return m;
        };
        Sequential straight = make.get();
        straight.fit(ai.lepton.data.DataLoader.of(data, 8).shuffle(5), FitOptions.create().epochs(4).verbose(0));

        Sequential first = make.get();
        first.fit(ai.lepton.data.DataLoader.of(data, 8).shuffle(5), FitOptions.create().epochs(2).verbose(0));
        java.nio.file.Path file = dir.resolve("half.lepton");
        first.save(file);
        Model resumed = Model.load(file);
        resumed.fit(ai.lepton.data.DataLoader.of(data, 8).shuffle(5), FitOptions.create().epochs(4).initialEpoch(2).verbose(0));
        List<Tensor> expected = straight.getWeights();
        List<Tensor> actual = resumed.getWeights();
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).toArray(), actual.get(i).toArray(), 0.0, "weight " + i);
        }
        assertNotEquals(first.getWeights().get(0).toArray()[0], actual.get(0).toArray()[0], "the resumed run trained");
    }

    @Test
    void stepsPerEpochCutsAnEndlessStreamOfPassesSoTwelveStepsAreTwoPasses() {
        ai.lepton.data.Dataset data = ai.lepton.data.Dataset.of(x().reshape(40, 4), labels(x()));
        java.util.function.Supplier<Sequential> make = () -> {
            Sequential m = new Sequential(new Dense(5, "tanh").inputShape(4), new Dense(3, "softmax")).seed(6);
            m.compile(new Adam(0.02), "sparse_categorical_crossentropy");
            return m;
        };
        Sequential passes = make.get();
        passes.fit(ai.lepton.data.DataLoader.of(data, 8).shuffle(3), FitOptions.create().epochs(2).verbose(0));
        Sequential cut = make.get();
        History h = cut.fit(ai.lepton.data.DataLoader.of(data, 8).shuffle(3),
                FitOptions.create().epochs(5).stepsPerEpoch(2).verbose(0));
        assertEquals(5, h.loss().size());
        assertEquals(10, cut.optimizer().iterations());
        assertArrayEquals(passes.getWeights().get(0).toArray(), cut.getWeights().get(0).toArray(), 0.0,
                "5 epochs of 2 steps are the 2 passes of 5 batches, in the same order");
    }

    @Test
    void validationRunsEveryValidationFreqEpochsWithItsOwnBatchSize() {
        Sequential model = new Sequential(new Dense(3, "softmax").inputShape(4));
        model.compile("sgd", "sparse_categorical_crossentropy");
        History h = model.fit(x(), labels(x()), FitOptions.create().epochs(6).batchSize(8).verbose(0)
                .validationData(x(), labels(x())).validationFreq(3).validationBatchSize(40));
        assertEquals(6, h.loss().size());
        assertEquals(2, h.metric("val_loss").size(), "after epochs 3 and 6");
        assertEquals(model.evaluate(x(), labels(x())).loss(), h.metric("val_loss").get(1), 1e-12);
    }
}
