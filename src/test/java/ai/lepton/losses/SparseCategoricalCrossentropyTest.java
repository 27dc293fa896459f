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

class SparseCategoricalCrossentropyTest {
    static List<Golden.LossCase> golden() {
        return Golden.cases("SparseCategoricalCrossentropy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasValuesAndGradients(Golden.LossCase c) {
        Golden.replay(c);
    }

    private static final Tensor CLASSES = Tensor.of(new double[] {1, 2}, 2);
    private static final Tensor LOGITS = Tensor.of(new double[] {0.5, -1.2, 2.0, 1.5, 0.1, -0.7}, 2, 3);

    @Test
    void theDefaultIsTheFormerFormulaBitForBit() {
        Tensor oneHot = Tensor.of(new double[] {0, 1, 0, 0, 0, 1}, 2, 3);
        Tensor z = Tensor.of(LOGITS.toArray(), 2, 3).requiresGrad(true);
        Tensor zFormer = Tensor.of(LOGITS.toArray(), 2, 3).requiresGrad(true);
        Tensor value = new SparseCategoricalCrossentropy().compute(CLASSES, z.softmax(-1));
        Tensor former = oneHot.mul(zFormer.logSoftmax(-1)).sum(-1, false).mean().neg();
        assertEquals(former.item(), value.item(), 0.0);
        value.backward();
        former.backward();
        assertArrayEquals(zFormer.grad().toArray(), z.grad().toArray(), 0.0);
    }

    @Test
    void oneHotLabelsAndOutOfRangeClassesAreRefused() {
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
    void kerasIgnoreClassAndOtherAxesAreRefused() {
        var config = new SparseCategoricalCrossentropy().getConfig();
        assertEquals(-1, config.getInt("axis"));
        assertThrows(IllegalArgumentException.class,
                () -> Losses.fromConfig("SparseCategoricalCrossentropy", config.copy().put("ignore_class", 255)));
        assertThrows(IllegalArgumentException.class,
                () -> Losses.fromConfig("SparseCategoricalCrossentropy", config.copy().put("axis", 1)));
    }
}
