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

class Cropping1DTest {
    private static Layer built(Layer layer, JsonObject c) {
        int[] shape = LayerFixtures.ints(c, "x_shape");
        layer.build(Arrays.copyOfRange(shape, 1, shape.length), 1L);
        return layer;
    }

    @Test
    void matchesThePyTorchReference() {
        for (JsonObject c : List.of(LayerFixtures.load("reshaping.json").getAsJsonArray("Cropping1D").get(0).getAsJsonObject())) {
            Layer layer = built(new Cropping1D(c.get("start").getAsInt(), c.get("end").getAsInt()), c);
            LayerFixtures.assertMatches("Cropping1D", c, x -> layer.call(x, false));
        }
    }

    @Test
    void croppingFormsAreKeras() {
        assertArrayEquals(new int[] {4, 3}, new Cropping1D().computeOutputShape(new int[] {6, 3}));
        assertArrayEquals(new int[] {3, 3}, Layers.fromConfig("Cropping1D", Config.of("Cropping1D").put("cropping", new int[] {0, 3}))
                .computeOutputShape(new int[] {6, 3}));
    }

    @Test
    void croppingEverythingIsRejectedNamingTheShapes() {
        assertRejected(ShapeException.class, () -> new Cropping1D(3).computeOutputShape(new int[] {6, 3}),
                "'cropping1d'", "(3, 3)", "(None, 6, 3)");
        assertRejected(IllegalArgumentException.class, () -> new Cropping1D(-1), "Received: cropping=[-1, -1]");
        assertRejected(ShapeException.class, () -> new Cropping1D().computeOutputShape(new int[] {6}), "(None, 6)");
    }

    private static void assertRejected(Class<? extends RuntimeException> type, Runnable r, String... fragments) {
        RuntimeException e = assertThrows(type, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), e.getMessage());
        }
    }
}
