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

class ZeroPadding1DTest {
    private static Layer built(Layer layer, JsonObject c) {
        int[] shape = LayerFixtures.ints(c, "x_shape");
        layer.build(Arrays.copyOfRange(shape, 1, shape.length), 1L);
        return layer;
    }

    @Test
    void matchesThePyTorchReference() {
        for (JsonObject c : List.of(LayerFixtures.load("reshaping.json").getAsJsonArray("ZeroPadding1D").get(0).getAsJsonObject())) {
            Layer layer = built(new ZeroPadding1D(c.get("left").getAsInt(), c.get("right").getAsInt()), c);
            LayerFixtures.assertMatches("ZeroPadding1D", c, x -> layer.call(x, false));
        }
    }

    @Test
    void paddingFormsAreKeras() {
        assertArrayEquals(new int[] {6, 3}, new ZeroPadding1D().computeOutputShape(new int[] {4, 3}));
        assertArrayEquals(new int[] {8, 3}, new ZeroPadding1D(2).computeOutputShape(new int[] {4, 3}));
        Layer pair = Layers.fromConfig("ZeroPadding1D", Config.of("ZeroPadding1D").put("padding", new int[] {0, 3}));
        assertArrayEquals(new int[] {7, 3}, pair.computeOutputShape(new int[] {4, 3}));
        Layer one = Layers.fromConfig("ZeroPadding1D", Config.of("ZeroPadding1D").put("padding", 2));
        assertEquals(pair.getConfig().get("padding").getClass(), one.getConfig().get("padding").getClass());
    }

    @Test
    void badSettingsAndInputsAreRejected() {
        assertRejected(IllegalArgumentException.class, () -> new ZeroPadding1D(-1, 2), "ZeroPadding1D", "Received: padding=[-1, 2]");
        assertRejected(ShapeException.class, () -> new ZeroPadding1D().computeOutputShape(new int[] {4, 3, 2}),
                "'zero_padding1d'", "(None, 4, 3, 2)");
    }

    private static void assertRejected(Class<? extends RuntimeException> type, Runnable r, String... fragments) {
        RuntimeException e = assertThrows(type, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), e.getMessage());
        }
    }
}
