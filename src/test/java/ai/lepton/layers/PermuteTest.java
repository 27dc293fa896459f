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

class PermuteTest {
    private static Layer built(Layer layer, JsonObject c) {
        int[] shape = LayerFixtures.ints(c, "x_shape");
        layer.build(Arrays.copyOfRange(shape, 1, shape.length), 1L);
        return layer;
    }

    @Test
    void matchesThePyTorchReference() {
        for (JsonObject c : List.of(LayerFixtures.load("reshaping.json").getAsJsonArray("Permute").get(0).getAsJsonObject())) {
            Layer layer = built(new Permute(LayerFixtures.ints(c, "dims")), c);
            LayerFixtures.assertMatches("Permute", c, x -> layer.call(x, false));
        }
    }

    @Test
    void dimsMustBeAPermutationFromOneMatchingTheRank() {
        assertArrayEquals(new int[] {64, 10}, new Permute(2, 1).computeOutputShape(new int[] {10, 64}));
        assertRejected(IllegalArgumentException.class, () -> new Permute(0, 1), "Received: dims=[0, 1]");
        assertRejected(IllegalArgumentException.class, () -> new Permute(1, 1), "Received: dims=[1, 1]");
        assertRejected(ShapeException.class, () -> new Permute(2, 1).computeOutputShape(new int[] {2, 3, 4}), "'permute'",
                "(None, 2, 3, 4)");
    }

    private static void assertRejected(Class<? extends RuntimeException> type, Runnable r, String... fragments) {
        RuntimeException e = assertThrows(type, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), e.getMessage());
        }
    }
}
