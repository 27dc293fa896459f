package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ActivityRegularizationTest {
    @Test
    void passesItsInputAndAddsThePenaltyDividedByTheBatch() {
        ActivityRegularization layer = new ActivityRegularization(0.1, 0.01);
        layer.build(new int[] {2}, 0L);
        Tensor x = Tensor.of(new double[] {1, -2, 3, 4}, 2, 2);
        try (LossScope scope = LossScope.open()) {
            assertSame(x, layer.call(x, true));
            assertEquals(1, scope.losses().size());
            assertEquals((0.1 * 10 + 0.01 * 30) / 2, scope.losses().get(0).item(), 1e-15);
        }
    }

    @Test
    void zeroFactorsAddNothing() {
        ActivityRegularization layer = new ActivityRegularization();
        layer.build(new int[] {2}, 0L);
        try (LossScope scope = LossScope.open()) {
            layer.call(Tensor.ones(1, 2), true);
            assertTrue(scope.losses().isEmpty());
        }
        assertEquals(0.0, layer.getConfig().getDouble("l1"));
    }

    @Test
    void negativeFactorsAreRejectedEchoingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ActivityRegularization(-1, 0));
        assertTrue(e.getMessage().contains("Received: l1=-1.0"), e.getMessage());
    }
}
