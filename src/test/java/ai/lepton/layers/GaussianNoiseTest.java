package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GaussianNoiseTest {
    @Test
    void trainingAddsZeroCentredNoiseOfTheGivenDeviation() {
        GaussianNoise layer = new GaussianNoise(0.3);
        layer.build(new int[] {100}, 3L);
        Tensor x = Tensor.ones(200, 100).requiresGrad(true);
        Tensor y = layer.call(x, true);
        double[] noise = y.sub(x).toArray();
        double mean = 0;
        double squares = 0;
        for (double n : noise) {
            mean += n;
            squares += n * n;
        }
        mean /= noise.length;
        double sd = Math.sqrt(squares / noise.length - mean * mean);
        // 20000 draws: the sample mean is within 4 standard errors (0.0085) and the deviation within 2%.
        assertEquals(0.0, mean, 0.0085);
        assertEquals(0.3, sd, 0.006);
        y.sum().backward();
        assertArrayEquals(Tensor.ones(200, 100).toArray(), x.grad().toArray(), 0.0, "additive noise passes the gradient through");
    }

    @Test
    void stddevOutsideZeroToOneIsRejectedAsKerasDoes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(1.5));
        assertTrue(e.getMessage().contains("Received: stddev=1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(-0.1));
    }
}
