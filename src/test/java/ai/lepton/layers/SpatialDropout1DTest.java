package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SpatialDropout1DTest {
    @Test
    void eachChannelOfEachExampleIsDroppedOrScaledAtEveryStep() {
        double rate = 0.4;
        SpatialDropout1D layer = new SpatialDropout1D(rate);
        layer.build(new int[] {5, 50}, 7L);
        Tensor y = layer.call(Tensor.ones(40, 5, 50), true);
        int dropped = 0;
        for (int n = 0; n < 40; n++) {
            for (int c = 0; c < 50; c++) {
                double first = y.get(n, 0, c);
                assertTrue(first == 0 || Math.abs(first - 1 / (1 - rate)) < 1e-15, "value " + first);
                for (int t = 1; t < 5; t++) {
                    assertEquals(first, y.get(n, t, c), 0.0, "the same mask at every step");
                }
                dropped += first == 0 ? 1 : 0;
            }
        }
        // 2000 Bernoulli(0.4) draws: within 0.4 +- 0.05 with overwhelming probability.
        assertEquals(rate, dropped / 2000.0, 0.05);
    }

    @Test
    void anInputOfAnotherRankIsRejectedNamingTheLayerAndShape() {
        ShapeException e = assertThrows(ShapeException.class, () -> new SpatialDropout1D(0.2).build(new int[] {4, 4, 2}, 0L));
        assertTrue(e.getMessage().contains("'spatial_dropout1d'") && e.getMessage().contains("(None, 4, 4, 2)"), e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> new SpatialDropout1D(1.0));
        assertTrue(a.getMessage().contains("Received: rate=1.0"), a.getMessage());
    }

    @Test
    void kerasSeedIsAcceptedInAConfig() {
        Layer layer = Layers.fromConfig("SpatialDropout1D", Config.of("k").put("rate", 0.3).put("seed", 5));
        assertEquals(0.3, layer.getConfig().getDouble("rate"));
    }
}
