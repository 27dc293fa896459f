package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CategoricalFocalCrossentropyTest {
    static List<Golden.LossCase> golden() {
        return Golden.cases("CategoricalFocalCrossentropy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasValuesAndGradients(Golden.LossCase c) {
        Golden.replay(c);
    }

    @Test
    void defaultsAreKerasAndGammaZeroWithAlphaOneIsTheCrossEntropy() {
        var config = new CategoricalFocalCrossentropy().getConfig();
        assertEquals(0.25, config.getDouble("alpha"));
        assertEquals(2.0, config.getDouble("gamma"));
        Tensor y = Tensor.of(new double[] {0, 1, 0, 0, 0, 1}, 2, 3);
        Tensor p = Tensor.of(new double[] {0.2, 0.7, 0.1, 0.3, 0.3, 0.4}, 2, 3);
        assertEquals(new CategoricalCrossentropy().compute(y, p).item(),
                new CategoricalFocalCrossentropy().alpha(1.0).gamma(0).compute(y, p).item(), 1e-15);
    }

    @Test
    void perClassAlphaMustMatchTheClassesAndSettingsTheirRange() {
        Tensor y = Tensor.of(new double[] {0, 1, 0}, 1, 3);
        assertEquals("categorical_focal_crossentropy: alpha has 2 values, one per class, but the predictions (1, 3) have 3 classes",
                assertThrows(IllegalArgumentException.class,
                        () -> new CategoricalFocalCrossentropy().alpha(0.5, 0.5).compute(y, y)).getMessage());
        assertArrayEquals(new double[] {0.2, 0.8}, new CategoricalFocalCrossentropy().alpha(0.2, 0.8).getConfig().getDoubles("alpha"));
        assertThrows(IllegalArgumentException.class, () -> new CategoricalFocalCrossentropy().gamma(-1));
        assertThrows(IllegalArgumentException.class, () -> new CategoricalFocalCrossentropy().labelSmoothing(1.5));
        assertThrows(IllegalArgumentException.class, () -> new CategoricalFocalCrossentropy().alpha());
    }

    @Test
    void worksFromTheProbabilitiesOfASoftmaxOutputAsKerasDoes() {
        Tensor y = Tensor.of(new double[] {1, 0}, 1, 2);
        Tensor logits = Tensor.of(new double[] {-40, 40}, 1, 2);
        double clipped = new CategoricalFocalCrossentropy().compute(y, logits.softmax(-1)).item();
        assertEquals(0.25 * Math.pow(1 - Loss.EPSILON, 2) * -Math.log(Loss.EPSILON), clipped, 1e-12);
    }
}
