package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BinaryFocalCrossentropyTest {
    static List<Golden.LossCase> golden() {
        return Golden.cases("BinaryFocalCrossentropy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesKerasValuesAndGradients(Golden.LossCase c) {
        Golden.replay(c);
    }

    @Test
    void defaultsAreKerasAndGammaZeroIsTheBinaryCrossEntropy() {
        var config = new BinaryFocalCrossentropy().getConfig();
        assertEquals(false, config.getBoolean("apply_class_balancing"));
        assertEquals(0.25, config.getDouble("alpha"));
        assertEquals(2.0, config.getDouble("gamma"));
        Tensor y = Tensor.of(new double[] {1, 0, 1}, 3, 1);
        Tensor p = Tensor.of(new double[] {0.9, 0.2, 0.6}, 3, 1);
        assertEquals(new BinaryCrossentropy().compute(y, p).item(), new BinaryFocalCrossentropy().gamma(0).compute(y, p).item(), 1e-15);
    }

    @Test
    void settingsOutOfRangeAreErrors() {
        assertEquals("binary_focal_crossentropy: alpha must be in [0, 1]. Received: alpha=1.5",
                assertThrows(IllegalArgumentException.class, () -> new BinaryFocalCrossentropy().alpha(1.5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BinaryFocalCrossentropy().gamma(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new BinaryFocalCrossentropy().labelSmoothing(-0.1));
    }
}
