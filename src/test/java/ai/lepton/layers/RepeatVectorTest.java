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

class RepeatVectorTest {
    private static Layer built(Layer layer, JsonObject c) {
        int[] shape = LayerFixtures.ints(c, "x_shape");
        layer.build(Arrays.copyOfRange(shape, 1, shape.length), 1L);
        return layer;
    }

    @Test
    void matchesThePyTorchReference() {
        for (JsonObject c : List.of(LayerFixtures.load("reshaping.json").getAsJsonArray("RepeatVector").get(0).getAsJsonObject())) {
            Layer layer = built(new RepeatVector(c.get("n").getAsInt()), c);
            LayerFixtures.assertMatches("RepeatVector", c, x -> layer.call(x, false));
        }
    }

    @Test
    void badSettingsAndInputsAreRejected() {
        assertRejected(IllegalArgumentException.class, () -> new RepeatVector(0), "Received: n=0");
        assertRejected(ShapeException.class, () -> new RepeatVector(2).computeOutputShape(new int[] {4, 3}),
                "'repeat_vector'", "(None, 4, 3)");
        assertArrayEquals(new int[] {5, 7}, new RepeatVector(5).computeOutputShape(new int[] {7}));
    }

    private static void assertRejected(Class<? extends RuntimeException> type, Runnable r, String... fragments) {
        RuntimeException e = assertThrows(type, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), e.getMessage());
        }
    }
}
