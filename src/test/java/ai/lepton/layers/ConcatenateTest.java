package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.autograd.GradCheck;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcatenateTest {
    @Test
    void joinsAlongKerasAxesCountingTheBatchAsZero() {
        assertArrayEquals(new int[] {4, 7}, new Concatenate().computeOutputShapes(List.of(new int[] {4, 3}, new int[] {4, 4})).get(0));
        assertArrayEquals(new int[] {9, 3}, new Concatenate(1).computeOutputShapes(List.of(new int[] {4, 3}, new int[] {5, 3})).get(0));
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 1, 2, 2);
        Tensor b = Tensor.of(new double[] {5, 6}, 1, 1, 2);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, new Concatenate(1).call(List.of(a, b), false).get(0).toArray(), 0.0);
    }

    @Test
    void badAxesAndShapesNameTheLayer() {
        assertThrows(IllegalArgumentException.class, () -> new Concatenate(0), "the batch axis cannot be joined");
        ShapeException range = assertThrows(ShapeException.class,
                () -> new Concatenate(3).computeOutputShapes(List.of(new int[] {4}, new int[] {4})));
        assertTrue(range.getMessage().contains("axis 3 is out of range"), range.getMessage());
        ShapeException shapes = assertThrows(ShapeException.class,
                () -> new Concatenate().computeOutputShapes(List.of(new int[] {4, 3}, new int[] {5, 3})));
        assertTrue(shapes.getMessage().contains("'concatenate' (Concatenate)") && shapes.getMessage().contains("(None, 4, 3)"),
                shapes.getMessage());
    }

    @Test
    void gradientsMatchFiniteDifferencesAndTheConfigRoundTrips() {
        Concatenate layer = new Concatenate(1);
        Tensor w = Tensor.randn(3, 2, 5, 2);
        assertTrue(GradCheck.check(in -> layer.call(List.of(in[0], in[1]), true).get(0).mul(w).sum(),
                Tensor.randn(1, 2, 2, 2).requiresGrad(true), Tensor.randn(2, 2, 3, 2).requiresGrad(true)).passed(1e-6));
        layer.name("c");
        assertEquals(layer.getConfig(), Layers.fromConfig("Concatenate", layer.getConfig()).getConfig());
    }
}
