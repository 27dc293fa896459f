package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ResizeTest {
    @Test
    void bilinearUsesHalfPixelCentresAndClampsAtTheEdges() {
        // A 1 x 2 row doubled: output columns read 0 -> clamped 0, 0.25, 0.75, 1.25 -> clamped 1.
        Tensor x = Tensor.of(new double[] {0, 4}, 1, 1, 2, 1);
        assertArrayEquals(new double[] {0, 1, 3, 4}, Resize.apply(x, 1, 4, "bilinear").toArray(), 1e-15);
        assertArrayEquals(new double[] {0, 0, 4, 4}, Resize.apply(x, 1, 4, "nearest").toArray(), 0.0);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        for (String mode : new String[] {"bilinear", "nearest"}) {
            GradAssert.assertGradientsMatch("resize up " + mode, in -> Resize.apply(in[0], 5, 7, mode), GradAssert.normal(1, 2, 3, 4, 2));
            GradAssert.assertGradientsMatch("resize down " + mode, in -> Resize.apply(in[0], 2, 3, mode), GradAssert.normal(2, 2, 5, 7, 1));
        }
    }

    @Test
    void badInputsAreRejected() {
        ShapeException rank = assertThrows(ShapeException.class, () -> Resize.apply(Tensor.zeros(2, 3, 4), 2, 2, "bilinear"));
        assertTrue(rank.getMessage().contains("(2, 3, 4)"), rank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Resize.apply(Tensor.zeros(1, 2, 2, 1), 0, 2, "bilinear"));
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
                () -> Resize.apply(Tensor.zeros(1, 2, 2, 1), 2, 2, "area"));
        assertTrue(mode.getMessage().contains("Received: interpolation=area"), mode.getMessage());
    }
}
