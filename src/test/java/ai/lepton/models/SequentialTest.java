package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Flatten;
import ai.lepton.layers.Layer;
import ai.lepton.layers.MaxPooling2D;
import ai.lepton.optimizers.Adam;
import ai.lepton.optimizers.SGD;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SequentialTest {
    private static final double TOLERANCE = 1e-12;
    private static final Tensor XOR_X = Tensor.of(new double[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
    private static final Tensor XOR_Y = Tensor.of(new double[] {0, 1, 1, 0}, 4, 1);

    private static Sequential xorModel() {
        Sequential model = new Sequential(new Dense(8, "tanh").inputShape(2), new Dense(1, "sigmoid"));
        model.compile(new Adam(0.05), "binary_crossentropy", "accuracy");
        return model;
    }

    @Test
    void mlpLearnsXor() {
        Sequential model = xorModel();
        History history = model.fit(XOR_X, XOR_Y, FitOptions.create().epochs(300).batchSize(4).verbose(0));
        assertEquals(1.0, model.evaluate(XOR_X, XOR_Y).accuracy());
        assertTrue(history.loss().get(299) < 0.05, "final loss " + history.loss().get(299));
        double[] p = model.predict(XOR_X).toArray();
        assertTrue(p[0] < 0.1 && p[1] > 0.9 && p[2] > 0.9 && p[3] < 0.1, Arrays.toString(p));
    }

    @Test
    void mlpLearnsThreeGaussianClustersToHighAccuracy() {
        int n = 300;
        double[] x = new double[n * 2];
        double[] y = new double[n];
        Tensor noise = Tensor.randn(7, n, 2);
        double[][] centres = {{0, 2}, {2, -1}, {-2, -1}};
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            y[i] = c;
            x[2 * i] = centres[c][0] + 0.5 * noise.get(i, 0);
            x[2 * i + 1] = centres[c][1] + 0.5 * noise.get(i, 1);
        }
        Sequential model = new Sequential(new Dense(16, "relu").inputShape(2), new Dense(3, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        Tensor xs = Tensor.of(x, n, 2);
        Tensor ys = Tensor.of(y, n);
        model.fit(xs, ys, FitOptions.create().epochs(30).batchSize(16).verbose(0));
        assertTrue(model.evaluate(xs, ys).accuracy() > 0.97, model.evaluate(xs, ys).toString());
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsAfterFit() {
        List<Tensor> a = trainedWeights(3);
        List<Tensor> b = trainedWeights(3);
        List<Tensor> c = trainedWeights(4);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).toArray(), b.get(i).toArray(), 0.0);
        }
        assertNotEquals(a.get(0).get(0, 0), c.get(0).get(0, 0));
    }

    private static List<Tensor> trainedWeights(long seed) {
        Sequential model = new Sequential(new Dense(8, "tanh").inputShape(2), new Dense(1, "sigmoid")).seed(seed);
        model.compile(new Adam(0.05), "binary_crossentropy");
        model.fit(XOR_X, XOR_Y, FitOptions.create().epochs(20).batchSize(3).verbose(0));
        return model.getWeights();
    }

    @Test
    void validationSplitHoldsOutTheLastFraction() {
        double[] xs = new double[10];
        double[] ys = new double[10];
        for (int i = 0; i < 10; i++) {
            xs[i] = i;
            ys[i] = i < 7 ? 1 : -5;
        }
        Tensor x = Tensor.of(xs, 10, 1);
        Tensor y = Tensor.of(ys, 10, 1);
        Sequential model = new Sequential(new Dense(1).inputShape(1));
        model.compile(new SGD(0.001), "mse");
        History h = model.fit(x, y, FitOptions.create().epochs(2).validationSplit(0.3).verbose(0));
        double heldOut = model.evaluate(Tensor.of(new double[] {7, 8, 9}, 3, 1), Tensor.of(new double[] {-5, -5, -5}, 3, 1)).loss();
        assertEquals(heldOut, h.metric("val_loss").get(1), TOLERANCE);
        assertEquals(Set.of("loss", "val_loss"), h.keys());
        assertEquals(List.of(0, 1), h.epochs());
    }

    @Test
    void historyHasKerasKeysForEveryEpoch() {
        Sequential model = xorModel();
        History h = model.fit(XOR_X, XOR_Y, FitOptions.create().epochs(3).validationData(XOR_X, XOR_Y).verbose(0));
        assertEquals(Set.of("accuracy", "loss", "val_accuracy", "val_loss"), h.keys());
        assertEquals(3, h.loss().size());
        assertEquals(3, h.metric("val_accuracy").size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.metric("precision"));
        assertEquals("History has no 'precision'; recorded keys: [accuracy, loss, val_accuracy, val_loss]", e.getMessage());
    }

    @Test
    void epochLossIsTheExampleWeightedMeanOfBatchLosses() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 3, 1);
        Tensor y = Tensor.of(new double[] {2, 2, 2}, 3, 1);
        Sequential model = new Sequential(new Dense(1).useBias(false).kernelInitializer("ones").inputShape(1));
        model.compile(new SGD(1e-300), "mse");
        History h = model.fit(x, y, FitOptions.create().batchSize(2).shuffle(false).verbose(0));
        assertEquals((1 + 0 + 1) / 3.0, h.loss().get(0), TOLERANCE);
    }

    @Test
    void wrongInputWidthFailsBeforeTrainingNamingTheLayer() {
        Sequential model = xorModel();
        List<Tensor> before = model.getWeights();
        ShapeException e = assertThrows(ShapeException.class, () -> model.fit(Tensor.zeros(4, 3), XOR_Y, 1, 4));
        assertEquals("layer 'dense' (Dense): expected input shape (None, 2), received (4, 3)", e.getMessage());
        assertArrayEquals(before.get(0).toArray(), model.getWeights().get(0).toArray(), 0.0);
    }

    @Test
    void wrongLabelWidthFailsBeforeTrainingNamingTheLoss() {
        Sequential model = new Sequential(new Dense(4, "relu").inputShape(2), new Dense(3, "softmax"));
        model.compile("adam", "categorical_crossentropy", "accuracy");
        ShapeException e = assertThrows(ShapeException.class, () -> model.fit(XOR_X, Tensor.zeros(4, 2), 1, 4));
        assertEquals("categorical_crossentropy: labels of shape (4, 2) do not fit predictions of shape (4, 3): "
                + "expected one-hot labels of shape (4, 3)", e.getMessage());
        assertEquals(0, model.optimizer().iterations());
    }

    @Test
    void layerThatCannotTakeItsInputFailsAtAddTime() {
        Sequential model = new Sequential(new Dense(4).inputShape(2));
        ShapeException e = assertThrows(ShapeException.class, () -> model.add(new NeedsRankThree()));
        assertTrue(e.getMessage().startsWith("layer 'needs_rank_three' (NeedsRankThree)"), e.getMessage());
    }

    @Test
    void mismatchedExampleCountsAreRejected() {
        ShapeException e = assertThrows(ShapeException.class, () -> xorModel().fit(XOR_X, Tensor.zeros(3, 1), 1, 4));
        assertEquals("fit: x (4, 2) and y (3, 1) must hold the same number of examples along their first axis", e.getMessage());
    }

    @Test
    void fitBeforeCompileSaysSo() {
        Sequential model = new Sequential(new Dense(1).inputShape(2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.fit(XOR_X, XOR_Y, 1, 4));
        assertEquals("fit: Sequential 'sequential' is not compiled; call compile(optimizer, loss, metrics...) first", e.getMessage());
    }

    @Test
    void layersAreNamedLikeKerasAndDuplicateNamesRejected() {
        Sequential model = new Sequential(new Dense(4).inputShape(2), new Dense(4), new Dense(2).name("head"), new Dense(1));
        assertEquals(List.of("dense", "dense_1", "head", "dense_2"), model.layers().stream().map(l -> l.name()).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.add(new Dense(1).name("head")));
        assertEquals("Sequential.add: the model already has a layer named 'head'; layer names must be unique. "
                + "Received: layer 'head' (Dense)", e.getMessage());
    }

    @Test
    void modelWithoutInputShapeBuildsFromTheFirstData() {
        Sequential model = new Sequential(new Dense(3, "relu"), new Dense(1, "sigmoid"));
        assertThrows(IllegalStateException.class, model::summary);
        assertEquals(4, model.predict(XOR_X).shape()[0]);
        assertEquals(2 * 3 + 3 + 3 + 1, model.countParams());
    }

    @Test
    void summaryIsKerasTable() {
        Sequential model = new Sequential(new Dense(512, "relu").inputShape(784), new Dense(10, "softmax"));
        String expected = String.join("\n",
                "Model: \"sequential\"",
                "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓",
                "┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃",
                "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩",
                "│ dense (Dense)                        │ (None, 512)                 │         401,920 │",
                "├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤",
                "│ dense_1 (Dense)                      │ (None, 10)                  │           5,130 │",
                "└──────────────────────────────────────┴─────────────────────────────┴─────────────────┘",
                " Total params: 407,050 (3.11 MB)",
                " Trainable params: 407,050 (3.11 MB)",
                " Non-trainable params: 0 (0.00 B)",
                "");
        assertEquals(expected, model.summary());
    }

    @Test
    void summaryShowsImageShapesAndKerasLayerNames() {
        Sequential model = new Sequential(
                new Conv2D(32, 3, "relu").padding("same").inputShape(8, 8, 1),
                new MaxPooling2D(),
                new Flatten(),
                new Dense(64, "relu"),
                new Dense(10, "softmax"));
        String[] lines = model.summary().split("\n");
        assertEquals("│ conv2d (Conv2D)                      │ (None, 8, 8, 32)            │             320 │", lines[4]);
        assertEquals("│ max_pooling2d (MaxPooling2D)         │ (None, 4, 4, 32)            │               0 │", lines[6]);
        assertEquals("│ flatten (Flatten)                    │ (None, 512)                 │               0 │", lines[8]);
        assertEquals("│ dense (Dense)                        │ (None, 64)                  │          32,832 │", lines[10]);
        assertEquals(" Total params: 33,802 (264.08 KB)", lines[lines.length - 3]);
    }

    @Test
    void weightsRoundTripAndAreShapeChecked() {
        Sequential a = xorModel();
        Sequential b = xorModel().seed(9);
        b.setWeights(a.getWeights());
        assertArrayEquals(a.predict(XOR_X).toArray(), b.predict(XOR_X).toArray(), 0.0);
        assertThrows(ShapeException.class, () -> b.setWeights(a.getWeights().subList(0, 3)));
        List<Tensor> wrong = new ArrayList<>(a.getWeights());
        wrong.set(1, Tensor.zeros(7));
        ShapeException e = assertThrows(ShapeException.class, () -> b.setWeights(wrong));
        assertEquals("setWeights: layer 'dense' (Dense) weight 'bias' has shape (8,), received (7,)", e.getMessage());
    }

    @Test
    void predictFromEightThreadsEqualsSequentialPredict() throws Exception {
        Sequential model = xorModel();
        model.fit(XOR_X, XOR_Y, FitOptions.create().epochs(5).verbose(0));
        Tensor x = Tensor.randn(3, 500, 2);
        double[] expected = model.predict(x).toArray();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> model.predict(x, 7).toArray()));
            }
            for (Future<double[]> r : results) {
                assertArrayEquals(expected, r.get(), 0.0);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** A layer that only takes rank-3 inputs, to see where a shape error is reported. */
    private static final class NeedsRankThree extends Layer {
        @Override
        public int[] computeOutputShape(int[] inputShape) {
            if (inputShape.length != 3) {
                throw new ShapeException(describe() + ": expected a rank-3 input, received "
                        + Shapes.formatBatched(inputShape));
            }
            return inputShape;
        }

        @Override
        public Tensor call(Tensor x, boolean training) {
            return x;
        }
    }
}
