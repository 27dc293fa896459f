package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GaussianDropoutTest {
    @Test
    void trainingMultipliesByNoiseOfMeanOneAndKerasDeviation() {
        double rate = 0.2;
        GaussianDropout layer = new GaussianDropout(rate);
        layer.build(new int[] {100}, 4L);
        Tensor x = Tensor.ones(200, 100).requiresGrad(true);
        Tensor y = layer.call(x, true);
        double[] noise = y.toArray();
        double mean = 0;
        double squares = 0;
        for (double n : noise) {
            mean += n;
            squares += n * n;
        }
        mean /= noise.length;
        double sd = Math.sqrt(squares / noise.length - mean * mean);
        double expected = Math.sqrt(rate / (1 - rate));
        // 20000 draws: the mean within 4 standard errors, the deviation within 2%.
        assertEquals(1.0, mean, 4 * expected / Math.sqrt(noise.length));
        assertEquals(expected, sd, 0.02 * expected);
        y.sum().backward();
        assertArrayEquals(noise, x.grad().toArray(), 0.0, "the gradient of x * n is n");
    }

    @Test
    void aRateOutsideZeroToOneIsRejectedEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GaussianDropout(1.0));
        assertTrue(e.getMessage().contains("GaussianDropout") && e.getMessage().contains("Received: rate=1.0"), e.getMessage());
    }
}
