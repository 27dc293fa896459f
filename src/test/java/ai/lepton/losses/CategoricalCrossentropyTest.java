package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CategoricalCrossentropyTest {
    static List<Golden.LossCase> golden() {
        return Golden.cases("CategoricalCrossentropy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasValuesAndGradients(Golden.LossCase c) {
        Golden.replay(c);
    }

    private static final Tensor ONE_HOT = Tensor.of(new double[] {0, 1, 0, 0, 0, 1}, 2, 3);
    private static final Tensor LOGITS = Tensor.of(new double[] {0.5, -1.2, 2.0, 1.5, 0.1, -0.7}, 2, 3);

    @Test
    void theDefaultsAreTheFormerFormulasBitForBit() {
        Tensor z = Tensor.of(LOGITS.toArray(), 2, 3).requiresGrad(true);
        Tensor zFormer = Tensor.of(LOGITS.toArray(), 2, 3).requiresGrad(true);
        Tensor value = new CategoricalCrossentropy().compute(ONE_HOT, z.softmax(-1));
        Tensor former = ONE_HOT.mul(zFormer.logSoftmax(-1)).sum(-1, false).mean().neg();
        assertEquals(former.item(), value.item(), 0.0);
        value.backward();
        former.backward();
        assertArrayEquals(zFormer.grad().toArray(), z.grad().toArray(), 0.0);

        Tensor p = Tensor.of(new double[] {0.2, 0.7, 0.1, 0.3, 0.3, 0.4}, 2, 3).requiresGrad(true);
        Tensor pFormer = Tensor.of(p.toArray(), 2, 3).requiresGrad(true);
        Tensor fromProbabilities = new CategoricalCrossentropy().compute(ONE_HOT, p);
        Tensor formerProbabilities = ONE_HOT.mul(Clip.probabilities(pFormer.div(pFormer.sum(-1, true))).log()).sum(-1, false).mean().neg();
        assertEquals(formerProbabilities.item(), fromProbabilities.item(), 0.0);
        fromProbabilities.backward();
        formerProbabilities.backward();
        assertArrayEquals(pFormer.grad().toArray(), p.grad().toArray(), 0.0);
    }

    @Test
    void aSoftmaxOutputServesALossOverItsOwnAxisOnly() {
        Tensor softmax = LOGITS.reshape(3, 2).softmax(-1);
        Tensor plain = Tensor.of(softmax.toArray(), 3, 2);
        Tensor labels = Tensor.of(new double[] {1, 0, 0, 1, 0, 0}, 3, 2);
        CategoricalCrossentropy overRows = new CategoricalCrossentropy().axis(0);
        assertEquals(overRows.compute(labels, plain).item(), overRows.compute(labels, softmax).item(), 0.0);
    }

    @Test
    void optionsHaveKerasKeysAndRanges() {
        var config = new CategoricalCrossentropy().fromLogits(true).labelSmoothing(0.1).axis(1).reduction("sum").getConfig();
        assertEquals(true, config.getBoolean("from_logits"));
        assertEquals(0.1, config.getDouble("label_smoothing"));
        assertEquals(1, config.getInt("axis"));
        assertEquals("sum", config.getString("reduction"));
        assertEquals("categorical_crossentropy: labelSmoothing must be in [0, 1]. Received: labelSmoothing=1.1",
                assertThrows(IllegalArgumentException.class, () -> new CategoricalCrossentropy().labelSmoothing(1.1)).getMessage());
    }

    @Test
    void integerLabelsAreRefusedNamingTheLossAndBothShapes() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> new CategoricalCrossentropy().validate(Tensor.zeros(150, 1), new int[] {150, 3}));
        assertEquals("categorical_crossentropy: labels of shape (150, 1) do not fit predictions of shape (150, 3): "
                + "expected one-hot labels of shape (150, 3); for integer class labels use sparse_categorical_crossentropy",
                e.getMessage());
    }
}
