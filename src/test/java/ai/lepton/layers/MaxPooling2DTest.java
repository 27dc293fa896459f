package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MaxPooling2DTest {
    @Test
    void defaultsToPoolTwoWithStridesEqualToThePool() {
        MaxPooling2D pool = new MaxPooling2D();
        pool.build(new int[] {4, 4, 1}, 0L);
        double[] image = new double[16];
        for (int i = 0; i < 16; i++) {
            image[i] = i;
        }
        Tensor y = pool.call(Tensor.of(image, 1, 4, 4, 1), false);
        assertArrayEquals(new int[] {1, 2, 2, 1}, y.shape());
        assertArrayEquals(new double[] {5, 7, 13, 15}, y.toArray(), 0.0);
        assertArrayEquals(new int[] {3, 3}, new MaxPooling2D(3).getConfig().getInts("strides"));
    }

    @Test
    void configIsExactlyTheConstructorSettings() {
        Config expected = Config.of("pool").put("name", null).put("trainable", true).put("pool_size", new int[] {3, 3})
                .put("padding", "same").put("strides", new int[] {2, 2}).put("data_format", "channels_last");
        MaxPooling2D pool = new MaxPooling2D(3).strides(2).padding("same");
        assertEquals(expected, pool.getConfig());
        assertEquals(expected, MaxPooling2D.fromConfig(pool.getConfig()).getConfig());
    }

    @Test
    void invalidSettingsAreRejectedEchoingTheValue() {
        assertMessage(() -> new MaxPooling2D(0), "Received: pool_size=0");
        assertMessage(() -> new MaxPooling2D(2).strides(-2), "Received: strides=-2");
        assertMessage(() -> new MaxPooling2D(2).padding("SAME"), "Received: padding=SAME");
    }

    @Test
    void poolLargerThanAValidInputFailsAtBuildNamingTheLayerAndShapes() {
        ShapeException e = assertThrows(ShapeException.class, () -> new MaxPooling2D(3).build(new int[] {2, 5, 4}, 0L));
        assertTrue(e.getMessage().contains("'max_pooling2d' (MaxPooling2D)") && e.getMessage().contains("(3, 3)")
                && e.getMessage().contains("(None, 2, 5, 4)"), e.getMessage());
        MaxPooling2D same = new MaxPooling2D(3).padding("same");
        same.build(new int[] {2, 5, 4}, 0L);
        assertArrayEquals(new int[] {1, 2, 4}, same.outputShape());
    }

    private static void assertMessage(Runnable r, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
