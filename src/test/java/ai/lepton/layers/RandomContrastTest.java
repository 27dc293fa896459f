package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RandomContrastTest {
    private static final double TOLERANCE = 1e-12;

    /**
     * Keras's formula per image and channel, {@code y = (x - m) f + m}: every image has one factor
     * f (the ratio of any centred output to its centred input), in {@code [1 - lower, 1 + upper]}.
     */
    private static double[] factors(RandomContrast layer, Tensor x) {
        int[] s = x.shape();
        double[] in = x.toArray();
        double[] out = layer.call(x, true).toArray();
        int pixels = s[1] * s[2];
        double[] factors = new double[s[0]];
        for (int b = 0; b < s[0]; b++) {
            double f = Double.NaN;
            for (int ch = 0; ch < s[3]; ch++) {
                double mean = 0;
                for (int p = 0; p < pixels; p++) {
                    mean += in[(b * pixels + p) * s[3] + ch] / pixels;
                }
                for (int p = 0; p < pixels; p++) {
                    int i = (b * pixels + p) * s[3] + ch;
                    double ratio = (out[i] - mean) / (in[i] - mean);
                    f = Double.isNaN(f) ? ratio : f;
                    assertEquals(f, ratio, 1e-9, "one factor per image");
                }
            }
            factors[b] = f;
        }
        return factors;
    }

    @Test
    void scalesEachChannelAboutItsMeanByOneFactorPerImage() {
        RandomContrast layer = new RandomContrast(0.4).valueRange(-100, 100);
        layer.build(new int[] {4, 5, 3}, 2L);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int call = 0; call < 10; call++) {
            for (double f : factors(layer, Tensor.randn(call, 6, 4, 5, 3))) {
                assertTrue(f >= 0.6 - TOLERANCE && f <= 1.4 + TOLERANCE, "factor " + f);
                min = Math.min(min, f);
                max = Math.max(max, f);
            }
        }
        assertTrue(min < 0.8 && max > 1.2, "60 draws should spread over [0.6, 1.4]: " + min + " .. " + max);
    }

    @Test
    void aPairGivesTheDistancesBelowAndAboveOneSortedAsKerasDoes() {
        RandomContrast layer = new RandomContrast(0.5, 0.1).valueRange(-100, 100);
        layer.build(new int[] {3, 3, 1}, 4L);
        for (double f : factors(layer, Tensor.randn(1, 8, 3, 3, 1))) {
            assertTrue(f >= 0.9 - TOLERANCE && f <= 1.5 + TOLERANCE, "factor " + f);
        }
    }

    @Test
    void outputsAreClippedToTheValueRangeAndInferenceIsTheIdentity() {
        RandomContrast layer = new RandomContrast(1.0).valueRange(0, 1);
        layer.build(new int[] {4, 4, 1}, 3L);
        Tensor x = Tensor.rand(5, 8, 4, 4, 1);
        for (double v : layer.call(x, true).toArray()) {
            assertTrue(v >= 0 && v <= 1, "value " + v);
        }
        assertSame(x, layer.call(x, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RandomContrast(1.5));
        assertTrue(e.getMessage().contains("Received: factor=1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RandomContrast(0.1).valueRange(1, 0));
    }

    @Test
    void readsTheConfigKerasWrites() {
        ai.lepton.config.Config keras = ai.lepton.config.Config.of("RandomContrast").put("factor", java.util.List.of(0.1, 0.3)).put("value_range", java.util.List.of(0, 1)).put("seed", null)
                .put("data_format", "channels_last");
        Layer layer = Layers.fromConfig("RandomContrast", keras.copy());
        assertEquals(java.util.List.of(0.0, 1.0), java.util.Arrays.stream(layer.getConfig().getDoubles("value_range")).boxed().toList());
        assertEquals(2, layer.getConfig().getDoubles("factor").length);
    }
}
