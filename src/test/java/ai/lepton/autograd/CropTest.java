package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CropTest {
    @Test
    void cutsTheBoxOut() {
        Tensor x = Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 3, 4);
        Tensor y = Crop.apply(x, new int[] {1, 1}, new int[] {2, 2});
        assertArrayEquals(new double[] {5, 6, 9, 10}, y.toArray(), 0.0);
    }

    @Test
    void gradientIsZeroOutsideTheBox() {
        GradAssert.assertGradientsMatch("crop", in -> Crop.apply(in[0], new int[] {0, 1, 2, 0}, new int[] {2, 2, 3, 2}),
                GradAssert.normal(2, 2, 4, 6, 2));
    }

    @Test
    void aBoxOutsideTheTensorIsRejectedNamingIt() {
        ShapeException e = assertThrows(ShapeException.class, () -> Crop.apply(Tensor.zeros(3, 4), new int[] {2, 0}, new int[] {2, 4}));
        assertTrue(e.getMessage().contains("(3, 4)") && e.getMessage().contains("[2, 0]") && e.getMessage().contains("[2, 4]"),
                e.getMessage());
    }
}
