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

class Cropping2DTest {
    private static Layer built(Layer layer, JsonObject c) {
        int[] shape = LayerFixtures.ints(c, "x_shape");
        layer.build(Arrays.copyOfRange(shape, 1, shape.length), 1L);
        return layer;
    }

    @Test
    void matchesThePyTorchReference() {
        for (JsonObject c : List.of(LayerFixtures.load("reshaping.json").getAsJsonArray("Cropping2D").get(0).getAsJsonObject())) {
            Layer layer = built(new Cropping2D(c.get("top").getAsInt(), c.get("bottom").getAsInt(), c.get("left").getAsInt(), c.get("right").getAsInt()), c);
            LayerFixtures.assertMatches("Cropping2D", c, x -> layer.call(x, false));
        }
    }

    @Test
    void croppingFormsAreKeras() {
        int[] in = {6, 7, 2};
        assertArrayEquals(in, new Cropping2D().computeOutputShape(in));
        assertArrayEquals(new int[] {2, 3, 2}, new Cropping2D(2).computeOutputShape(in));
        assertArrayEquals(new int[] {4, 1, 2}, new Cropping2D(1, 3).computeOutputShape(in));
        Layer nested = Layers.fromConfig("Cropping2D", Config.of("Cropping2D").put("cropping", List.of(new int[] {0, 1}, new int[] {2, 3})));
        assertArrayEquals(new int[] {5, 2, 2}, nested.computeOutputShape(in));
    }

    @Test
    void croppingEverythingIsRejectedNamingTheShapes() {
        assertRejected(ShapeException.class, () -> new Cropping2D(0, 0, 4, 3).computeOutputShape(new int[] {6, 7, 2}),
                "'cropping2d'", "(None, 6, 7, 2)");
        assertRejected(IllegalArgumentException.class, () -> new Cropping2D(0, -1), "Received: cropping=[0, 0, -1, -1]");
    }

    private static void assertRejected(Class<? extends RuntimeException> type, Runnable r, String... fragments) {
        RuntimeException e = assertThrows(type, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), e.getMessage());
        }
    }
}
