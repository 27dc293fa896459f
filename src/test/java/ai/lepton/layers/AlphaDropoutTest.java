package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlphaDropoutTest {
    private static final double ALPHA_P = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946;

    @Test
    void keptValuesAreMappedAffinelyAndDroppedOnesToKerasConstant() {
        double rate = 0.3;
        double a = Math.pow((1 - rate) * (1 + rate * ALPHA_P * ALPHA_P), -0.5);
        double b = -a * ALPHA_P * rate;
        AlphaDropout layer = new AlphaDropout(rate);
        layer.build(new int[] {1000}, 5L);
        Tensor x = Tensor.randn(6, 1, 1000);
        Tensor y = layer.call(x, true);
        int dropped = 0;
        for (int i = 0; i < 1000; i++) {
            double out = y.get(0, i);
            if (Math.abs(out - (a * ALPHA_P + b)) < 1e-15) {
                dropped++;
            } else {
                assertEquals(a * x.get(0, i) + b, out, 1e-15);
            }
        }
        // 1000 Bernoulli(0.3) draws: within 0.3 +- 0.06 with overwhelming probability.
        assertEquals(rate, dropped / 1000.0, 0.06);
    }

    @Test
    void standardNormalInputsKeepMeanZeroAndVarianceOne() {
        AlphaDropout layer = new AlphaDropout(0.2);
        layer.build(new int[] {100}, 6L);
        double[] y = layer.call(Tensor.randn(7, 400, 100), true).toArray();
        double mean = 0;
        double squares = 0;
        for (double v : y) {
            mean += v;
            squares += v * v;
        }
        mean /= y.length;
        // 40000 values: SELU's fixed point survives within sampling error.
        assertEquals(0.0, mean, 0.03);
        assertEquals(1.0, squares / y.length - mean * mean, 0.04);
    }

    @Test
    void aNoiseShapeInAConfigIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Layers.fromConfig("AlphaDropout", Config.of("k").put("rate", 0.1).put("noise_shape", List.of(1, 4))));
        assertTrue(e.getMessage().contains("noise_shape"), e.getMessage());
        assertEquals(0.1, Layers.fromConfig("AlphaDropout", Config.of("k").put("rate", 0.1).put("noise_shape", null))
                .getConfig().getDouble("rate"));
    }
}
