package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.autograd.GradCheck;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class UnitNormalizationTest {
    @Test
    void eachExampleGetsUnitNormAndAZeroExampleStaysZero() {
        UnitNormalization layer = new UnitNormalization();
        layer.build(new int[] {2}, 0L);
        Tensor y = layer.call(Tensor.of(new double[] {3, 4, 0, 0}, 2, 2), false);
        assertArrayEquals(new double[] {0.6, 0.8, 0, 0}, y.toArray(), 1e-15);
    }

    @Test
    void theGradientOfAZeroExampleIsFinite() {
        UnitNormalization layer = new UnitNormalization();
        layer.build(new int[] {3}, 0L);
        Tensor x = Tensor.zeros(1, 3).requiresGrad(true);
        layer.call(x, true).sum().backward();
        for (double g : x.grad().toArray()) {
            assertEquals(1e12, g, 1e-3, "1 / sqrt(1e-24)");
        }
        Tensor z = Tensor.randn(2, 2, 3, 4).requiresGrad(true);
        UnitNormalization overTwo = new UnitNormalization(1, 2);
        overTwo.build(new int[] {3, 4}, 0L);
        GradCheck.Result r = GradCheck.check(in -> overTwo.call(in[0], false).mul(Tensor.randn(5, 2, 3, 4)).sum(), z);
        assertTrue(r.passed(1e-6), r.toString());
    }

    @Test
    void anAxisOutOfRangeNamesTheLayerAndShape() {
        ShapeException e = assertThrows(ShapeException.class, () -> new UnitNormalization(2).build(new int[] {5}, 0L));
        assertTrue(e.getMessage().contains("'unit_normalization'") && e.getMessage().contains("(None, 5)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UnitNormalization(0));
    }
}
