package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SpatialDropout2DTest {
    @Test
    void channelsLastDropsWholeFeatureMaps() {
        SpatialDropout2D layer = new SpatialDropout2D(0.5);
        layer.build(new int[] {3, 4, 6}, 1L);
        Tensor y = layer.call(Tensor.ones(5, 3, 4, 6), true);
        for (int n = 0; n < 5; n++) {
            for (int c = 0; c < 6; c++) {
                double first = y.get(n, 0, 0, c);
                assertTrue(first == 0 || first == 2.0, "value " + first);
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                        assertEquals(first, y.get(n, i, j, c), 0.0);
                    }
                }
            }
        }
    }

    @Test
    void channelsFirstDropsAlongAxisOne() {
        SpatialDropout2D layer = new SpatialDropout2D(0.5).dataFormat("channels_first");
        layer.build(new int[] {6, 3, 4}, 1L);
        Tensor y = layer.call(Tensor.ones(5, 6, 3, 4), true);
        for (int n = 0; n < 5; n++) {
            for (int c = 0; c < 6; c++) {
                double first = y.get(n, c, 0, 0);
                assertEquals(first, y.get(n, c, 2, 3), 0.0);
            }
        }
        assertEquals("channels_first", layer.getConfig().getString("data_format"));
    }

    @Test
    void badShapesAndSettingsAreRejectedNamingThem() {
        ShapeException e = assertThrows(ShapeException.class, () -> new SpatialDropout2D(0.2).build(new int[] {4, 4}, 0L));
        assertTrue(e.getMessage().contains("'spatial_dropout2d'") && e.getMessage().contains("(None, 4, 4)"), e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> new SpatialDropout2D(0.2).dataFormat("nhwc"));
        assertTrue(a.getMessage().contains("Received: data_format=nhwc"), a.getMessage());
    }
}
