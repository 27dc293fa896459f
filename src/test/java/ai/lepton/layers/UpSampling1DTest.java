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

class UpSampling1DTest {
    private static Layer built(Layer layer, JsonObject c) {
        int[] shape = LayerFixtures.ints(c, "x_shape");
        layer.build(Arrays.copyOfRange(shape, 1, shape.length), 1L);
        return layer;
    }

    @Test
    void matchesThePyTorchReference() {
        for (JsonObject c : List.of(LayerFixtures.load("reshaping.json").getAsJsonArray("UpSampling1D").get(0).getAsJsonObject())) {
            Layer layer = built(new UpSampling1D(c.get("size").getAsInt()), c);
            LayerFixtures.assertMatches("UpSampling1D", c, x -> layer.call(x, false));
        }
    }

    @Test
    void defaultSizeIsTwoAndBadInputsAreRejected() {
        assertArrayEquals(new int[] {8, 3}, new UpSampling1D().computeOutputShape(new int[] {4, 3}));
        assertRejected(IllegalArgumentException.class, () -> new UpSampling1D(0), "Received: size=0");
        assertRejected(ShapeException.class, () -> new UpSampling1D().computeOutputShape(new int[] {4}), "'up_sampling1d'", "(None, 4)");
    }

    private static void assertRejected(Class<? extends RuntimeException> type, Runnable r, String... fragments) {
        RuntimeException e = assertThrows(type, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), e.getMessage());
        }
    }
}
