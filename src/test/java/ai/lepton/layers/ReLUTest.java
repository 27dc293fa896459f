package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ReLUTest {
    private static final Tensor X = Tensor.of(new double[] {-2, -0.5, 0.25, 1, 3, 8}, 1, 6);

    private static double[] run(ReLU layer) {
        layer.build(new int[] {6}, 0L);
        return layer.call(X, false).toArray();
    }

    @Test
    void defaultsAreMaxOfXAndZero() {
        assertArrayEquals(new double[] {0, 0, 0.25, 1, 3, 8}, run(new ReLU()), 0.0);
    }

    @Test
    void optionsFollowKerasRelu() {
        assertArrayEquals(new double[] {0, 0, 0.25, 1, 3, 6}, run(new ReLU(6.0)), 0.0);
        assertArrayEquals(new double[] {-0.2, -0.05, 0.25, 1, 3, 8}, run(new ReLU().negativeSlope(0.1)), 1e-15);
        // Keras: ReLU(threshold=1.5) zeroes everything at or below 1.5.
        assertArrayEquals(new double[] {0, 0, 0, 0, 3, 8}, run(new ReLU().threshold(1.5)), 0.0);
        // Below the threshold the slope applies to x - threshold; above it, the maximum caps.
        assertArrayEquals(new double[] {-0.35, -0.2, -0.125, -0.05, 2, 2}, run(new ReLU(2.0).negativeSlope(0.1).threshold(1.5)), 1e-15);
    }

    @Test
    void configRoundTripsWithKerasKeys() {
        Config defaults = new ReLU().getConfig();
        assertNull(defaults.get("max_value"));
        assertEquals(0.0, defaults.getDouble("negative_slope"));
        ReLU layer = new ReLU(6.0).negativeSlope(0.1).threshold(0.5);
        Layer again = Layers.fromConfig("ReLU", layer.getConfig());
        assertEquals(layer.getConfig(), again.getConfig());
        assertEquals(6.0, again.getConfig().getDouble("max_value"));
    }

    @Test
    void negativeOrNaNSettingsAreRejectedEchoingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReLU(-1.0));
        assertTrue(e.getMessage().contains("ReLU") && e.getMessage().contains("Received: max_value=-1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ReLU().negativeSlope(-0.1));
        assertTrue(e.getMessage().contains("Received: negative_slope=-0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ReLU().threshold(Double.NaN));
        assertTrue(e.getMessage().contains("Received: threshold=NaN"), e.getMessage());
    }

    @Test
    void keepsTheMaskOfASequence() {
        assertTrue(new ReLU().supportsMasking());
    }
}
