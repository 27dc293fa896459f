package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RepeatTest {
    @Test
    void repeatsEachSliceInARowAsNumPy() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        assertArrayEquals(new double[] {1, 2, 1, 2, 3, 4, 3, 4}, Repeat.apply(x, 2, 0).toArray(), 0.0);
        assertArrayEquals(new double[] {1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4}, Repeat.apply(x, 3, -1).toArray(), 0.0);
    }

    @Test
    void gradientSumsTheCopies() {
        GradAssert.assertGradientsMatch("repeat", in -> Repeat.apply(in[0], 3, 1), GradAssert.normal(3, 2, 3, 2));
        GradAssert.assertGradientsMatch("repeat last", in -> Repeat.apply(in[0], 2, 2), GradAssert.normal(4, 2, 3, 2));
    }

    @Test
    void badRepeatsAndAxesAreRejected() {
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> Repeat.apply(Tensor.zeros(2), 0, 0));
        assertTrue(n.getMessage().contains("Received: repeats=0"), n.getMessage());
        assertThrows(ShapeException.class, () -> Repeat.apply(Tensor.zeros(2, 3), 2, 2));
    }
}
