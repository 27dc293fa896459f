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

class ReshapeTest {
    private static Layer built(Layer layer, JsonObject c) {
        int[] shape = LayerFixtures.ints(c, "x_shape");
        layer.build(Arrays.copyOfRange(shape, 1, shape.length), 1L);
        return layer;
    }

    @Test
    void matchesThePyTorchReference() {
        for (JsonObject c : List.of(LayerFixtures.load("reshaping.json").getAsJsonArray("Reshape").get(0).getAsJsonObject())) {
            Layer layer = built(new Reshape(LayerFixtures.ints(c, "target_shape")), c);
            LayerFixtures.assertMatches("Reshape", c, x -> layer.call(x, false));
        }
    }

    @Test
    void oneDimensionIsInferredAsKerasDoes() {
        assertArrayEquals(new int[] {3, 4}, new Reshape(3, 4).computeOutputShape(new int[] {12}));
        assertArrayEquals(new int[] {3, 2, 2}, new Reshape(-1, 2, 2).computeOutputShape(new int[] {12}));
    }

    @Test
    void impossibleShapesAreRejectedNamingTheLayerAndShapes() {
        assertRejected(IllegalArgumentException.class, () -> new Reshape(-1, -1), "Received: target_shape=[-1, -1]");
        assertRejected(IllegalArgumentException.class, () -> new Reshape(0, 3), "Received: target_shape=[0, 3]");
        assertRejected(ShapeException.class, () -> new Reshape(5, -1).computeOutputShape(new int[] {12}), "'reshape'",
                "(None, 12)", "(None, 5, -1)");
        assertRejected(ShapeException.class, () -> new Reshape(5, 2).computeOutputShape(new int[] {3, 4}), "(None, 3, 4)");
    }

    private static void assertRejected(Class<? extends RuntimeException> type, Runnable r, String... fragments) {
        RuntimeException e = assertThrows(type, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), e.getMessage());
        }
    }
}
