package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ELUTest {
    @Test
    void alphaScalesTheNegativePart() {
        ELU layer = new ELU(0.5);
        layer.build(new int[] {3}, 0L);
        double[] y = layer.call(Tensor.of(new double[] {-1, 0, 2}, 1, 3), false).toArray();
        assertArrayEquals(new double[] {0.5 * Math.expm1(-1), 0, 2}, y, 1e-15);
    }

    @Test
    void aKerasConfigWithoutAlphaMeansAlphaOne() {
        // Keras's ELU.get_config does not write alpha.
        assertEquals(1.0, Layers.fromConfig("ELU", Config.of("k")).getConfig().getDouble("alpha"));
    }

    @Test
    void aNonFiniteAlphaIsRejectedEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ELU(Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("ELU") && e.getMessage().contains("Received: alpha=Infinity"), e.getMessage());
    }
}
