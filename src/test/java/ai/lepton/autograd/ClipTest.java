package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ClipTest {
    @Test
    void limitsValuesAndPassesTheGradientOnlyInsideTheRange() {
        Tensor x = Tensor.of(new double[] {-2, -0.5, 0.5, 3}, 4).requiresGrad(true);
        Tensor y = Clip.apply(x, -1, 1);
        assertArrayEquals(new double[] {-1, -0.5, 0.5, 1}, y.toArray(), 0.0);
        y.mul(Tensor.of(new double[] {1, 2, 3, 4}, 4)).sum().backward();
        assertArrayEquals(new double[] {0, 2, 3, 0}, x.grad().toArray(), 0.0);
    }

    @Test
    void gradientMatchesFiniteDifferencesAwayFromTheEnds() {
        GradAssert.assertGradientsMatch("clip", in -> Clip.apply(in[0], -0.05, 0.05), GradAssert.awayFromZero(5, 3, 4));
    }

    @Test
    void anEmptyRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Clip.apply(Tensor.zeros(2), 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Clip.apply(Tensor.zeros(2), Double.NaN, 0));
    }
}
