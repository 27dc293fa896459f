package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class RescalingTest {
    @Test
    void mapsPixelsToTheRangesKerasDocuments() {
        Tensor pixels = Tensor.of(new double[] {0, 127.5, 255}, 1, 3);
        Rescaling unit = new Rescaling(1.0 / 255);
        unit.build(new int[] {3}, 1L);
        assertArrayEquals(new double[] {0, 0.5, 1}, unit.call(pixels, false).toArray(), 1e-15);
        Rescaling symmetric = new Rescaling(1.0 / 127.5, -1);
        symmetric.build(new int[] {3}, 1L);
        assertArrayEquals(new double[] {-1, 0, 1}, symmetric.call(pixels, true).toArray(), 1e-15);
    }

    @Test
    void supportsMaskingAndPassesTheMaskOn() {
        Rescaling layer = new Rescaling(2.0);
        Tensor x = Tensor.ones(2, 3, 1);
        Tensor mask = Tensor.of(new double[] {1, 1, 0, 1, 0, 0}, 2, 3);
        Storage.attachMask(x, mask);
        assertTrue(layer.supportsMasking());
        assertSame(mask, layer.computeMask(List.of(x)));
    }

    @Test
    void nonFiniteSettingsAreRejectedEchoingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Rescaling(Double.NaN, 1));
        assertTrue(e.getMessage().contains("Received: scale=NaN, offset=1.0"), e.getMessage());
    }
}
