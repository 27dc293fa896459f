package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class PReLUTest {
    @Test
    void alphaHasTheInputShapeWithOnesAlongTheSharedAxes() {
        PReLU perElement = new PReLU();
        perElement.build(new int[] {5, 5, 3}, 0L);
        assertArrayEquals(new int[] {5, 5, 3}, perElement.getWeights().get(0).shape());
        PReLU perChannel = new PReLU().sharedAxes(1, 2);
        perChannel.build(new int[] {5, 5, 3}, 0L);
        assertArrayEquals(new int[] {1, 1, 3}, perChannel.getWeights().get(0).shape());
        assertEquals(List.of("alpha"), perChannel.weightNames());
        assertEquals("p_re_lu", perChannel.baseName());
    }

    @Test
    void itStartsAsAReluAndLearnsTheNegativeSlope() {
        PReLU layer = new PReLU().sharedAxes(1);
        layer.build(new int[] {2, 2}, 0L);
        Tensor x = Tensor.of(new double[] {-1, 2, -3, -4}, 1, 2, 2);
        assertArrayEquals(new double[] {0, 2, 0, 0}, layer.call(x, false).toArray(), 0.0);
        layer.setWeights(List.of(Tensor.of(new double[] {0.1, 0.5}, 1, 2)));
        assertArrayEquals(new double[] {-0.1, 2, -0.3, -2}, layer.call(x, false).toArray(), 1e-15);
    }

    @Test
    void regularizerAndConstraintAreDeclaredWithAlpha() {
        PReLU layer = new PReLU().alphaRegularizer(new L2(0.1)).alphaConstraint(new NonNeg());
        layer.build(new int[] {3}, 0L);
        assertInstanceOf(NonNeg.class, layer.variablesByPath().get("alpha").constraint());
        assertEquals(1, layer.regularizationLosses().size());
        Layer again = Layers.fromConfig("PReLU", layer.getConfig());
        assertEquals(layer.getConfig(), again.getConfig());
    }

    @Test
    void badSharedAxesAreRejectedNamingTheLayerAndShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PReLU().sharedAxes(0));
        assertTrue(e.getMessage().contains("Received: shared_axes=[0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PReLU().sharedAxes(1, 1));
        ShapeException s = assertThrows(ShapeException.class, () -> new PReLU().sharedAxes(3).build(new int[] {4, 4}, 0L));
        assertTrue(s.getMessage().contains("'p_re_lu'") && s.getMessage().contains("(None, 4, 4)"), s.getMessage());
    }
}
