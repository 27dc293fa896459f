package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UpSampling2DTest {
    static Stream<JsonObject> cases() {
        return LayerFixtures.cases("up_sampling2d.json", "cases").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesRepeatOrBilinearInterpolate(JsonObject c) {
        UpSampling2D layer = new UpSampling2D(c.get("rows").getAsInt(), c.get("cols").getAsInt())
                .interpolation(c.get("interpolation").getAsString());
        int[] shape = LayerFixtures.ints(c, "x_shape");
        layer.build(Arrays.copyOfRange(shape, 1, 4), 1L);
        LayerFixtures.assertMatches(c.get("name").getAsString(), c, x -> layer.call(x, false));
    }

    @Test
    void sizeFormsAreKeras() {
        int[] in = {3, 4, 2};
        assertArrayEquals(new int[] {6, 8, 2}, new UpSampling2D().computeOutputShape(in));
        assertArrayEquals(new int[] {9, 12, 2}, new UpSampling2D(3).computeOutputShape(in));
        Layer pair = Layers.fromConfig("UpSampling2D", Config.of("UpSampling2D").put("size", new int[] {1, 2})
                .put("data_format", "channels_last").put("interpolation", "bilinear"));
        assertArrayEquals(new int[] {3, 8, 2}, pair.computeOutputShape(in));
    }

    @Test
    void badSettingsAndInputsAreRejected() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> new UpSampling2D(2, 0));
        assertTrue(size.getMessage().contains("Received: size=0"), size.getMessage());
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class, () -> new UpSampling2D().interpolation("lanczos3"));
        assertTrue(mode.getMessage().contains("Received: interpolation=lanczos3"), mode.getMessage());
        ShapeException rank = assertThrows(ShapeException.class, () -> new UpSampling2D().computeOutputShape(new int[] {3, 4}));
        assertTrue(rank.getMessage().contains("'up_sampling2d'") && rank.getMessage().contains("(None, 3, 4)"), rank.getMessage());
    }
}
