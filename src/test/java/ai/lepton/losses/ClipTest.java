package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ClipTest {
    @Test
    void clipsAndPassesTheGradientInsideTheBoundsIncluded() {
        Tensor x = Tensor.of(new double[] {-1, 0.2, 0.5, 0.7, 2}, 5).requiresGrad(true);
        Tensor clipped = Clip.between(x, 0.2, 0.7);
        assertArrayEquals(new double[] {0.2, 0.2, 0.5, 0.7, 0.7}, clipped.toArray(), 0.0);
        clipped.sum().backward();
        assertArrayEquals(new double[] {0, 1, 1, 1, 0}, x.grad().toArray(), 0.0);
    }

    @Test
    void probabilitiesAreClippedToEpsilonOfZeroAndOne() {
        Tensor p = Tensor.of(new double[] {0, 1, 0.5}, 3);
        assertArrayEquals(new double[] {Loss.EPSILON, 1 - Loss.EPSILON, 0.5}, Clip.probabilities(p).toArray(), 0.0);
    }
}
