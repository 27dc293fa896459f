package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Dropout;
import ai.lepton.layers.Flatten;
import ai.lepton.layers.MaxPooling2D;
import ai.lepton.optimizers.Adam;
import ai.lepton.optimizers.Optimizer;
import ai.lepton.optimizers.SGD;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link Sequential#gradients} with {@link Optimizer#apply(List, List)} is one step of
 * {@link Sequential#fit}, bit for bit, and gradients of parts of a batch, scaled by their share,
 * add up to the gradient of the whole batch.
 */
class GradientsTest {
    private static final int STEPS = 3;
    private static final int BATCH = 12;
    /** Only the order of the sums differs between a whole batch and its parts. */
    private static final double SUM_ORDER_TOLERANCE = 1e-13;

    private static Sequential mlp(Supplier<Optimizer> optimizer) {
        Sequential model = new Sequential(new Dense(16, "relu").inputShape(6), new Dropout(0.25), new Dense(3, "softmax"))
                .seed(5);
        model.compile(optimizer.get(), "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    private static Sequential cnn(Supplier<Optimizer> optimizer) {
        Sequential model = new Sequential(
                new Conv2D(4, 3, "relu").padding("same").inputShape(6, 6, 2),
                new MaxPooling2D(),
                new Flatten(),
                new Dense(3, "softmax")).seed(6);
        model.compile(optimizer.get(), "categorical_crossentropy");
        return model;
    }

    @Test
    void gradientsThenApplyIsOneFitStepBitForBitForAnMlpWithDropoutAndAdam() {
        Tensor x = Tensor.randn(1, BATCH * STEPS, 6);
        Tensor y = Tensor.randn(2, BATCH * STEPS, 3).argmax(1);
        assertSameAsFit(() -> mlp(() -> new Adam(1e-2)), x, y);
    }

    @Test
    void gradientsThenApplyIsOneFitStepBitForBitForACnnWithMomentum() {
        Tensor x = Tensor.randn(3, BATCH * STEPS, 6, 6, 2);
        Tensor y = oneHotOfMax(Tensor.randn(4, BATCH * STEPS, 3));
        assertSameAsFit(() -> cnn(() -> new SGD(0.1).momentum(0.9).nesterov(true)), x, y);
    }

    @Test
    void fitRecyclingLastStepsArraysEqualsFreshArraysBitForBit() {
        // Large enough that fit's StepArena recycles the outputs and input gradients of both
        // convolutions and poolings and the first dense layer's kernel gradient from step to step
        // (gradients() creates fresh ones): an element an op failed to write would keep the
        // previous step's value.
        Tensor x = Tensor.randn(5, BATCH * STEPS, 20, 20, 3);
        Tensor y = oneHotOfMax(Tensor.randn(6, BATCH * STEPS, 3));
        assertSameAsFit(() -> {
            Sequential model = new Sequential(
                    new Conv2D(16, 3, "relu").padding("same").inputShape(20, 20, 3),
                    new MaxPooling2D(),
                    new Conv2D(8, 3, "relu"),
                    new MaxPooling2D(),
                    new Flatten(),
                    new Dense(160, "relu"),
                    new Dense(3, "softmax")).seed(7);
            model.compile(new Adam(1e-2), "categorical_crossentropy");
            return model;
        }, x, y);
    }

    @Test
    void scaledGradientsOfPartsSumToTheGradientOfTheWholeBatch() {
        Tensor x = Tensor.randn(1, BATCH, 6);
        Tensor y = Tensor.randn(2, BATCH, 3).argmax(1);
        Sequential whole = new Sequential(new Dense(16, "relu").inputShape(6), new Dense(3, "softmax")).seed(5);
        whole.compile(new SGD(), "sparse_categorical_crossentropy");
        Gradients all = whole.gradients(x, y, 1.0);

        int[][] parts = {{0, 5}, {5, 7}, {7, BATCH}};
        List<Tensor> sum = null;
        double lossSum = 0;
        for (int[] p : parts) {
            int n = p[1] - p[0];
            Gradients g = whole.gradients(TensorBatches.rows(x, p[0], p[1]), TensorBatches.rows(y, p[0], p[1]),
                    (double) n / BATCH);
            lossSum += g.loss() * n;
            sum = sum == null ? new ArrayList<>(g.values()) : add(sum, g.values());
        }
        assertEquals(all.loss(), lossSum / BATCH, SUM_ORDER_TOLERANCE);
        for (int i = 0; i < sum.size(); i++) {
            double[] expected = all.values().get(i).toArray();
            double[] actual = sum.get(i).toArray();
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], actual[k], SUM_ORDER_TOLERANCE, "weight " + i + ", element " + k);
            }
        }
        assertArrayEquals(new int[] {BATCH, 3}, all.predictions().shape());
        assertTrue(sum.get(0).abs().sum().item() > 0, "the gradient must not vanish for the test to mean anything");
    }

    @Test
    void gradientsLeaveWeightsAndOptimizerUntouched() {
        Sequential model = mlp(() -> new Adam(1e-2));
        List<Tensor> before = model.getWeights();
        model.gradients(Tensor.randn(1, 4, 6), Tensor.randn(2, 4, 3).argmax(1), 1.0);
        List<Tensor> after = model.getWeights();
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i).toArray(), after.get(i).toArray());
            assertEquals(null, model.trainableWeights().get(i).grad());
        }
        assertEquals(0, model.optimizer().iterations());
    }

    @Test
    void applyRejectsGradientsThatDoNotMatchTheWeights() {
        Sequential model = mlp(SGD::new);
        model.getWeights(); // makes the weights
        List<Tensor> weights = model.trainableWeights();
        List<Tensor> wrongShape = new ArrayList<>();
        weights.forEach(w -> wrongShape.add(Tensor.zeros(w.size() + 1)));
        ShapeException e = assertThrows(ShapeException.class, () -> model.optimizer().apply(weights, wrongShape));
        assertTrue(e.getMessage().contains("weight 0 has shape (6, 16), its gradient (97,)"), e.getMessage());
        assertThrows(ShapeException.class, () -> model.optimizer().apply(weights, List.of()));
    }

    @Test
    void gradientsNeedACompiledModel() {
        Sequential model = new Sequential(new Dense(2).inputShape(3));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.gradients(Tensor.zeros(1, 3), Tensor.zeros(1, 2), 1.0));
        assertTrue(e.getMessage().contains("not compiled"), e.getMessage());
    }

    private static void assertSameAsFit(Supplier<Sequential> make, Tensor x, Tensor y) {
        Sequential fitted = make.get();
        fitted.fit(x, y, FitOptions.create().epochs(1).batchSize(BATCH).shuffle(false).verbose(0));
        Sequential manual = make.get();
        for (int s = 0; s < STEPS; s++) {
            Tensor xs = TensorBatches.rows(x, s * BATCH, (s + 1) * BATCH);
            Tensor ys = TensorBatches.rows(y, s * BATCH, (s + 1) * BATCH);
            Gradients g = manual.gradients(xs, ys, 1.0);
            manual.optimizer().apply(manual.trainableWeights(), g.values());
        }
        List<Tensor> expected = fitted.getWeights();
        List<Tensor> actual = manual.getWeights();
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).toArray(), actual.get(i).toArray(), "weight " + i);
        }
        assertEquals(fitted.optimizer().iterations(), manual.optimizer().iterations());
        assertArrayEquals(flat(fitted.optimizer().variables()), flat(manual.optimizer().variables()));
    }

    private static Tensor oneHotOfMax(Tensor t) {
        double[] v = t.toArray();
        int[] shape = t.shape();
        double[] out = new double[v.length];
        for (int r = 0; r < shape[0]; r++) {
            int best = 0;
            for (int c = 1; c < shape[1]; c++) {
                if (v[r * shape[1] + c] > v[r * shape[1] + best]) {
                    best = c;
                }
            }
            out[r * shape[1] + best] = 1;
        }
        return Tensor.of(out, shape);
    }

    private static List<Tensor> add(List<Tensor> a, List<Tensor> b) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i).add(b.get(i)));
        }
        return out;
    }

    private static double[] flat(List<Tensor> tensors) {
        List<Double> all = new ArrayList<>();
        tensors.forEach(t -> {
            for (double d : t.toArray()) {
                all.add(d);
            }
        });
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
