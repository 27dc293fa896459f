package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LeakyReLUTest {
    @Test
    void theLayersDefaultSlopeIsKeras3s() {
        LeakyReLU layer = new LeakyReLU();
        layer.build(new int[] {3}, 0L);
        assertArrayEquals(new double[] {-0.6, 0.0, 1.5}, layer.call(Tensor.of(new double[] {-2, 0, 1.5}, 1, 3), false).toArray(), 1e-15);
        assertEquals(0.3, layer.getConfig().getDouble("negative_slope"));
        assertEquals(0.3, LeakyReLU.DEFAULT_NEGATIVE_SLOPE);
    }

    @Test
    void keras2AlphaIsReadAsTheSlope() {
        Layer layer = Layers.fromConfig("LeakyReLU", Config.of("k").put("alpha", 0.05));
        assertEquals(0.05, layer.getConfig().getDouble("negative_slope"));
    }

    @Test
    void aNegativeSlopeIsRejectedEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(-0.3));
        assertTrue(e.getMessage().contains("LeakyReLU") && e.getMessage().contains("Received: negative_slope=-0.3"), e.getMessage());
    }
}
