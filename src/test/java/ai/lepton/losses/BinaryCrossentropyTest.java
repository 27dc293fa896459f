package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BinaryCrossentropyTest {
    static List<Golden.LossCase> golden() {
        return Golden.cases("BinaryCrossentropy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasValuesAndGradients(Golden.LossCase c) {
        Golden.replay(c);
    }

    private static final Tensor LOGITS = Tensor.of(new double[] {0.5, -1.2, 2.0, 1.5, 0.1, -0.7}, 2, 3);
    private static final Tensor LABELS = Tensor.of(new double[] {1, 0, 1, 1, 0, 0}, 2, 3);

    @Test
    void theDefaultsAreTheFormerFormulasBitForBit() {
        Tensor z = Tensor.of(LOGITS.toArray(), 2, 3).requiresGrad(true);
        Tensor zFormer = Tensor.of(LOGITS.toArray(), 2, 3).requiresGrad(true);
        Tensor value = new BinaryCrossentropy().compute(LABELS, z.sigmoid());
        Tensor former = SigmoidCrossEntropy.apply(LABELS, zFormer).mean();
        assertEquals(former.item(), value.item(), 0.0);
        value.backward();
        former.backward();
        assertArrayEquals(zFormer.grad().toArray(), z.grad().toArray(), 0.0);

        Tensor p = Tensor.of(new double[] {0.9, 0.2, 0.6, 0.7, 0.4, 0.1}, 2, 3).requiresGrad(true);
        Tensor pFormer = Tensor.of(p.toArray(), 2, 3).requiresGrad(true);
        Tensor fromProbabilities = new BinaryCrossentropy().compute(LABELS, p);
        Tensor clipped = Clip.probabilities(pFormer);
        Tensor formerProbabilities = LABELS.mul(clipped.log()).add(LABELS.neg().add(1.0).mul(clipped.neg().add(1.0).log())).mean().neg();
        assertEquals(formerProbabilities.item(), fromProbabilities.item(), 0.0);
        fromProbabilities.backward();
        formerProbabilities.backward();
        assertArrayEquals(pFormer.grad().toArray(), p.grad().toArray(), 0.0);
    }

    @Test
    void optionsHaveKerasKeysAndRanges() {
        var config = new BinaryCrossentropy().fromLogits(true).labelSmoothing(0.2).axis(1).getConfig();
        assertEquals(true, config.getBoolean("from_logits"));
        assertEquals(0.2, config.getDouble("label_smoothing"));
        assertEquals(1, config.getInt("axis"));
        assertThrows(IllegalArgumentException.class, () -> new BinaryCrossentropy().labelSmoothing(-0.5));
    }
}
