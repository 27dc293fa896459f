package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZeroPadding2DTest {
    private static Layer built(Layer layer, JsonObject c) {
        int[] shape = LayerFixtures.ints(c, "x_shape");
        layer.build(Arrays.copyOfRange(shape, 1, shape.length), 1L);
        return layer;
    }

    @Test
    void matchesThePyTorchReference() {
        for (JsonObject c : List.of(LayerFixtures.load("reshaping.json").getAsJsonArray("ZeroPadding2D").get(0).getAsJsonObject())) {
            Layer layer = built(new ZeroPadding2D(c.get("top").getAsInt(), c.get("bottom").getAsInt(), c.get("left").getAsInt(), c.get("right").getAsInt()), c);
            LayerFixtures.assertMatches("ZeroPadding2D", c, x -> layer.call(x, false));
        }
    }

    @Test
    void paddingFormsAreKeras() {
        int[] in = {4, 5, 2};
        assertArrayEquals(new int[] {6, 7, 2}, new ZeroPadding2D().computeOutputShape(in));
        assertArrayEquals(new int[] {8, 9, 2}, new ZeroPadding2D(2).computeOutputShape(in));
        assertArrayEquals(new int[] {6, 11, 2}, new ZeroPadding2D(1, 3).computeOutputShape(in));
        assertArrayEquals(new int[] {5, 10, 2}, new ZeroPadding2D(0, 1, 2, 3).computeOutputShape(in));
        Layer nested = Layers.fromConfig("ZeroPadding2D", Config.of("ZeroPadding2D")
                .put("padding", List.of(new int[] {0, 1}, new int[] {2, 3})).put("data_format", "channels_last"));
        assertArrayEquals(new int[] {5, 10, 2}, nested.computeOutputShape(in));
        Layer symmetric = Layers.fromConfig("ZeroPadding2D", Config.of("ZeroPadding2D").put("padding", new int[] {1, 3}));
        assertArrayEquals(new int[] {6, 11, 2}, symmetric.computeOutputShape(in));
        Layer mixed = Layers.fromConfig("ZeroPadding2D", Config.of("ZeroPadding2D").put("padding", List.of(1, new int[] {2, 3})));
        assertArrayEquals(new int[] {6, 10, 2}, mixed.computeOutputShape(in));
    }

    @Test
    void badSettingsAndInputsAreRejected() {
        assertRejected(IllegalArgumentException.class, () -> new ZeroPadding2D(1, 1, -2, 0), "Received: padding=[1, 1, -2, 0]");
        assertRejected(ShapeException.class, () -> new ZeroPadding2D().computeOutputShape(new int[] {4, 3}),
                "'zero_padding2d'", "(None, 4, 3)");
        assertRejected(RuntimeException.class, () -> Layers.fromConfig("ZeroPadding2D",
                Config.of("ZeroPadding2D").put("padding", 1).put("data_format", "channels_first")), "channels_last");
    }

    private static void assertRejected(Class<? extends RuntimeException> type, Runnable r, String... fragments) {
        RuntimeException e = assertThrows(type, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), e.getMessage());
        }
    }
}
