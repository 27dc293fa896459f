package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.autograd.GradCheck;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LossesTest {
    private static final double EXACT = 1e-12;
    private static final double FUSED = 1e-9;
    private static final double GRAD = 1e-6;

    private static final Tensor ONE_HOT = Tensor.of(new double[] {0, 1, 0, 0, 0, 1}, 2, 3);
    private static final Tensor CLASSES = Tensor.of(new double[] {1, 2}, 2);
    private static final Tensor PROBS = Tensor.of(new double[] {0.2, 0.7, 0.1, 0.3, 0.3, 0.4}, 2, 3);
    private static final Tensor LOGITS = Tensor.of(new double[] {0.5, -1.2, 2.0, 1.5, 0.1, -0.7}, 2, 3);

    @Test
    void categoricalCrossentropyIsTheMeanNegativeLogOfTheTrueClass() {
        double expected = -(Math.log(0.7) + Math.log(0.4)) / 2;
        assertEquals(expected, new CategoricalCrossentropy().compute(ONE_HOT, PROBS).item(), EXACT);
    }

    @Test
    void categoricalCrossentropyRenormalizesAndClipsProbabilities() {
        Tensor unnormalized = Tensor.of(new double[] {0.4, 1.4, 0.2, 0, 1, 0}, 2, 3);
        double expected = -(Math.log(0.7) + Math.log(Loss.EPSILON)) / 2;
        assertEquals(expected, new CategoricalCrossentropy().compute(ONE_HOT, unnormalized).item(), EXACT);
    }

    @Test
    void sparseCategoricalCrossentropyMatchesCategoricalOnTheSameLabels() {
        double sparse = new SparseCategoricalCrossentropy().compute(CLASSES, PROBS).item();
        assertEquals(-(Math.log(0.7) + Math.log(0.4)) / 2, sparse, EXACT);
        assertEquals(sparse, new SparseCategoricalCrossentropy().compute(CLASSES.reshape(2, 1), PROBS).item(), EXACT);
    }

    @Test
    void binaryCrossentropyByHand() {
        Tensor y = Tensor.of(new double[] {1, 0, 1}, 3, 1);
        Tensor p = Tensor.of(new double[] {0.9, 0.2, 0.6}, 3, 1);
        double expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6)) / 3;
        assertEquals(expected, new BinaryCrossentropy().compute(y, p).item(), EXACT);
        assertEquals(expected, new BinaryCrossentropy().compute(Tensor.of(new double[] {1, 0, 1}, 3), p).item(), EXACT);
    }

    @Test
    void meanSquaredAndAbsoluteErrorByHand() {
        Tensor y = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor p = Tensor.of(new double[] {1.5, 2, 2, 6}, 2, 2);
        assertEquals((0.25 + 0 + 1 + 4) / 4, new MeanSquaredError().compute(y, p).item(), EXACT);
        assertEquals((0.5 + 0 + 1 + 2) / 4, new MeanAbsoluteError().compute(y, p).item(), EXACT);
    }

    @Test
    void probabilitiesThatRememberTheirLogitsGiveTheSameLossAsPlainProbabilities() {
        Tensor probs = LOGITS.softmax(-1);
        Tensor plain = Tensor.of(probs.toArray(), probs.shape());
        assertEquals(new CategoricalCrossentropy().compute(ONE_HOT, plain).item(),
                new CategoricalCrossentropy().compute(ONE_HOT, probs).item(), FUSED);
        assertEquals(new SparseCategoricalCrossentropy().compute(CLASSES, plain).item(),
                new SparseCategoricalCrossentropy().compute(CLASSES, probs).item(), FUSED);
        Tensor y = Tensor.of(new double[] {1, 0, 1, 1, 0, 0}, 2, 3);
        Tensor sigmoid = LOGITS.sigmoid();
        assertEquals(new BinaryCrossentropy().compute(y, Tensor.of(sigmoid.toArray(), 2, 3)).item(),
                new BinaryCrossentropy().compute(y, sigmoid).item(), FUSED);
    }

    @Test
    void lossesFromRememberedLogitsStayExactAtHugeLogits() {
        Tensor huge = Tensor.of(new double[] {1000, -1000, 0, -1000, 1000, 0}, 2, 3);
        double cce = new CategoricalCrossentropy().compute(ONE_HOT, huge.softmax(-1)).item();
        assertEquals((2000 + 1000) / 2.0, cce, EXACT);
        assertTrue(Double.isFinite(new SparseCategoricalCrossentropy().compute(CLASSES, huge.softmax(-1)).item()));
        Tensor y = Tensor.of(new double[] {1, 0, 1, 1, 0, 0}, 2, 3);
        double bce = new BinaryCrossentropy().compute(y, huge.sigmoid()).item();
        assertEquals((0 + 0 + Math.log(2) + 1000 + 1000 + Math.log(2)) / 6, bce, EXACT);
    }

    @Test
    void lossGradientsMatchFiniteDifferences() {
        Tensor y = Tensor.of(new double[] {1, 0, 1, 1, 0, 0}, 2, 3);
        Tensor probs = Tensor.of(PROBS.toArray(), 2, 3).requiresGrad(true);
        Tensor logits = Tensor.of(LOGITS.toArray(), 2, 3).requiresGrad(true);
        assertPasses(GradCheck.check(in -> new CategoricalCrossentropy().compute(ONE_HOT, in[0]), probs));
        assertPasses(GradCheck.check(in -> new CategoricalCrossentropy().compute(ONE_HOT, in[0].softmax(-1)), logits));
        assertPasses(GradCheck.check(in -> new SparseCategoricalCrossentropy().compute(CLASSES, in[0]), probs));
        assertPasses(GradCheck.check(in -> new SparseCategoricalCrossentropy().compute(CLASSES, in[0].softmax(-1)), logits));
        assertPasses(GradCheck.check(in -> new BinaryCrossentropy().compute(y, in[0]), probs));
        assertPasses(GradCheck.check(in -> new BinaryCrossentropy().compute(y, in[0].sigmoid()), logits));
        assertPasses(GradCheck.check(in -> new MeanSquaredError().compute(y, in[0]), logits));
        assertPasses(GradCheck.check(in -> new MeanAbsoluteError().compute(y, in[0]), logits));
    }

    private static void assertPasses(GradCheck.Result r) {
        assertTrue(r.passed(GRAD), r.toString());
    }

    @Test
    void categoricalRejectsIntegerLabelsNamingTheLossAndBothShapes() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> new CategoricalCrossentropy().validate(Tensor.zeros(150, 1), new int[] {150, 3}));
        assertEquals("categorical_crossentropy: labels of shape (150, 1) do not fit predictions of shape (150, 3): "
                + "expected one-hot labels of shape (150, 3); for integer class labels use sparse_categorical_crossentropy",
                e.getMessage());
    }

    @Test
    void sparseRejectsOneHotLabelsAndOutOfRangeClasses() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> new SparseCategoricalCrossentropy().validate(Tensor.zeros(4, 3), new int[] {4, 3}));
        assertEquals("sparse_categorical_crossentropy: labels of shape (4, 3) do not fit predictions of shape (4, 3): "
                + "expected integer class labels of shape (4,) or (4, 1) and predictions of shape (batch, classes); "
                + "for one-hot labels use categorical_crossentropy", e.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy().validate(Tensor.of(new double[] {0, 3}, 2), new int[] {2, 3}));
        assertEquals("sparse_categorical_crossentropy: label 3.0 at index 1 is not a class index in [0, 3)", range.getMessage());
    }

    @Test
    void regressionLossesRejectOtherShapes() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> new MeanSquaredError().compute(Tensor.zeros(4, 2), Tensor.zeros(4, 1)));
        assertEquals("mean_squared_error: labels of shape (4, 2) do not fit predictions of shape (4, 1): "
                + "expected labels of the predictions' shape (4, 1)", e.getMessage());
    }

    @Test
    void lossesResolveByKerasNames() {
        assertInstanceOf(CategoricalCrossentropy.class, Losses.get("categorical_crossentropy"));
        assertInstanceOf(SparseCategoricalCrossentropy.class, Losses.get("sparse_categorical_crossentropy"));
        assertInstanceOf(BinaryCrossentropy.class, Losses.get("binary_crossentropy"));
        assertInstanceOf(MeanSquaredError.class, Losses.get("mse"));
        assertInstanceOf(MeanSquaredError.class, Losses.get("mean_squared_error"));
        assertInstanceOf(MeanAbsoluteError.class, Losses.get("mae"));
        assertInstanceOf(MeanAbsoluteError.class, Losses.get("mean_absolute_error"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.get("hinge"));
        assertTrue(e.getMessage().startsWith("Unknown loss: 'hinge'."), e.getMessage());
    }
}
