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

class CenterCropTest {
    private static Layer built(Layer layer, JsonObject c) {
        int[] shape = LayerFixtures.ints(c, "x_shape");
        layer.build(Arrays.copyOfRange(shape, 1, shape.length), 1L);
        return layer;
    }

    @Test
    void matchesThePyTorchReference() {
        for (JsonObject c : List.of(LayerFixtures.load("reshaping.json").getAsJsonArray("CenterCrop").get(0).getAsJsonObject())) {
            Layer layer = built(new CenterCrop(c.get("height").getAsInt(), c.get("width").getAsInt()), c);
            LayerFixtures.assertMatches("CenterCrop", c, x -> layer.call(x, false));
        }
    }

    @Test
    void smallerImagesAreResizedFromTheLargestCentredWindow() {
        for (JsonObject c : List.of(LayerFixtures.load("reshaping.json").getAsJsonArray("CenterCrop").get(1).getAsJsonObject())) {
            Layer layer = built(new CenterCrop(c.get("height").getAsInt(), c.get("width").getAsInt()), c);
            LayerFixtures.assertMatches("CenterCrop smart resize", c, x -> layer.call(x, true));
        }
    }

    @Test
    void badSettingsAndInputsAreRejected() {
        assertRejected(IllegalArgumentException.class, () -> new CenterCrop(3, -2), "Received: width=-2");
        assertRejected(ShapeException.class, () -> new CenterCrop(2, 2).computeOutputShape(new int[] {5, 5}), "'center_crop'",
                "(None, 5, 5)");
        assertEquals(List.of("height", "width"), new CenterCrop(2, 3).getConfig().keys().stream()
                .filter(k -> k.endsWith("ight") || k.endsWith("idth")).toList());
    }

    private static void assertRejected(Class<? extends RuntimeException> type, Runnable r, String... fragments) {
        RuntimeException e = assertThrows(type, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), e.getMessage());
        }
    }
}
