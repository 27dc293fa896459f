package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerNormalizationTest {
    @Test
    void eachRowIsNormalizedTheSameInTrainingAndInference() {
        LayerNormalization layer = new LayerNormalization();
        layer.build(new int[] {4}, 0L);
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 10, 10, 10, 10}, 2, 4);
        Tensor y = layer.call(x, true);
        assertArrayEquals(y.toArray(), layer.call(x, false).toArray(), 0.0);
        double sd = Math.sqrt(1.25 + 1e-3);
        assertArrayEquals(new double[] {-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd, 0, 0, 0, 0}, y.toArray(), 1e-15);
    }

    @Test
    void gammaAndBetaHaveTheShapeOfTheNormalizedAxes() {
        LayerNormalization layer = new LayerNormalization(1, 3);
        layer.build(new int[] {2, 3, 4}, 0L);
        assertEquals(List.of("gamma", "beta"), layer.weightNames());
        assertArrayEquals(new int[] {2, 4}, layer.getWeights().get(0).shape());
        assertEquals(List.of("beta"), built(new LayerNormalization().scale(false)).weightNames());
    }

    @Test
    void configWritesOneAxisAsANumberAndSeveralAsAList() {
        assertEquals(-1, new LayerNormalization().getConfig().getInt("axis"));
        assertArrayEquals(new int[] {-2, -1}, new LayerNormalization(-2, -1).getConfig().getInts("axis"));
        Config config = new LayerNormalization(1, 2).epsilon(1e-6).getConfig();
        assertEquals(config, Layers.fromConfig("LayerNormalization", config.copy()).getConfig());
        assertThrows(ConfigException.class, () -> Layers.fromConfig("LayerNormalization", config.copy().put("rms_scaling", true)));
    }

    @Test
    void badAxesAreRejectedNamingTheLayerAndShape() {
        ShapeException e = assertThrows(ShapeException.class, () -> new LayerNormalization(-3).build(new int[] {4, 5}, 0L));
        assertTrue(e.getMessage().contains("'layer_normalization'") && e.getMessage().contains("(None, 4, 5)"), e.getMessage());
        e = assertThrows(ShapeException.class, () -> new LayerNormalization(1, -2).build(new int[] {4, 5}, 0L));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> new LayerNormalization(0));
        assertTrue(a.getMessage().contains("Received: axis=[0]"), a.getMessage());
    }

    private static LayerNormalization built(LayerNormalization layer) {
        layer.build(new int[] {3}, 0L);
        return layer;
    }
}
