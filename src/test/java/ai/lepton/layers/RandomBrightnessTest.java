package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RandomBrightnessTest {
    private static final double TOLERANCE = 1e-12;

    @Test
    void addsOneDrawnShiftPerImageScaledByTheValueRange() {
        RandomBrightness layer = new RandomBrightness(-0.1, 0.3);
        layer.build(new int[] {3, 4, 3}, 8L);
        Tensor x = Tensor.rand(2, 12, 3, 4, 3).mul(50).add(100);
        double[] in = x.toArray();
        double[] out = layer.call(x, true).toArray();
        int per = in.length / 12;
        for (int b = 0; b < 12; b++) {
            double shift = out[b * per] - in[b * per];
            assertTrue(shift >= -25.5 - TOLERANCE && shift <= 76.5 + TOLERANCE, "shift " + shift);
            for (int i = b * per; i < (b + 1) * per; i++) {
                assertEquals(shift, out[i] - in[i], 1e-9, "one shift per image");
            }
        }
    }

    @Test
    void outputsAreClippedToTheSortedValueRange() {
        RandomBrightness layer = new RandomBrightness(1.0).valueRange(1, 0);
        layer.build(new int[] {2, 2, 1}, 1L);
        for (double v : layer.call(Tensor.rand(1, 20, 2, 2, 1), true).toArray()) {
            assertTrue(v >= 0 && v <= 1, "value " + v);
        }
        assertEquals(0.0, layer.getConfig().getDoubles("value_range")[0]);
    }

    @Test
    void inferenceIsTheIdentityAndFactorsAreChecked() {
        RandomBrightness layer = new RandomBrightness(0.2);
        layer.build(new int[] {2, 2, 1}, 1L);
        Tensor x = Tensor.rand(1, 2, 2, 2, 1);
        assertSame(x, layer.call(x, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RandomBrightness(-0.5, 1.1));
        assertTrue(e.getMessage().contains("Received: factor=[-0.5, 1.1]"), e.getMessage());
    }

    @Test
    void readsTheConfigKerasWrites() {
        ai.lepton.config.Config keras = ai.lepton.config.Config.of("RandomBrightness").put("factor", java.util.List.of(-0.2, 0.4)).put("value_range", java.util.List.of(0.0, 1.0)).put("seed", null)
                .put("data_format", "channels_last");
        Layer layer = Layers.fromConfig("RandomBrightness", keras.copy());
        assertEquals(java.util.List.of(0.0, 1.0), java.util.Arrays.stream(layer.getConfig().getDoubles("value_range")).boxed().toList());
        assertEquals(2, layer.getConfig().getDoubles("factor").length);
    }
}
