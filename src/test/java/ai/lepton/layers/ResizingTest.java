package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResizingTest {
    static Stream<JsonObject> cases() {
        return LayerFixtures.cases("resize.json", "cases").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorchInterpolateWithKerasSettings(JsonObject c) {
        int[] shape = LayerFixtures.ints(c, "x_shape");
        Resizing layer = new Resizing(c.get("height").getAsInt(), c.get("width").getAsInt())
                .interpolation(c.get("interpolation").getAsString())
                .cropToAspectRatio(c.has("crop_to_aspect_ratio") && c.get("crop_to_aspect_ratio").getAsBoolean());
        layer.build(Arrays.copyOfRange(shape, 1, 4), 1L);
        LayerFixtures.assertMatches(c.get("name").getAsString(), c, x -> layer.call(x, false));
    }

    @Test
    void theSameSizeIsTheIdentity() {
        Tensor x = Tensor.randn(3, 2, 5, 4, 3);
        for (String mode : new String[] {"bilinear", "nearest"}) {
            Resizing layer = new Resizing(5, 4).interpolation(mode);
            layer.build(new int[] {5, 4, 3}, 1L);
            assertArrayEquals(x.toArray(), layer.call(x, true).toArray(), 0.0, mode);
        }
    }

    @Test
    void keepsTheChannelsAndReplacesHeightAndWidth() {
        assertArrayEquals(new int[] {7, 9, 3}, new Resizing(7, 9).computeOutputShape(new int[] {20, 30, 3}));
    }

    @Test
    void badSettingsAndInputsAreRejectedNamingTheLayer() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> new Resizing(0, 3));
        assertTrue(size.getMessage().contains("Received: height=0"), size.getMessage());
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class, () -> new Resizing(2, 2).interpolation("bicubic"));
        assertTrue(mode.getMessage().contains("Received: interpolation=bicubic"), mode.getMessage());
        ShapeException rank = assertThrows(ShapeException.class, () -> new Resizing(2, 2).computeOutputShape(new int[] {4, 4}));
        assertTrue(rank.getMessage().contains("'resizing'") && rank.getMessage().contains("(None, 4, 4)"), rank.getMessage());
    }

    @Test
    void readsKerasConfigsAndRefusesWhatItCannotDo() {
        Config keras = Config.of("Resizing").put("height", 4).put("width", 5).put("interpolation", "nearest")
                .put("crop_to_aspect_ratio", true).put("pad_to_aspect_ratio", false).put("fill_mode", "constant")
                .put("fill_value", 0.0).put("antialias", false).put("data_format", "channels_last");
        Layer layer = Layers.fromConfig("Resizing", keras);
        assertEquals("nearest", layer.getConfig().getString("interpolation"));
        assertThrows(ConfigException.class, () -> Layers.fromConfig("Resizing", Config.of("Resizing").put("height", 4)
                .put("width", 5).put("pad_to_aspect_ratio", true)));
        assertThrows(ConfigException.class, () -> Layers.fromConfig("Resizing", Config.of("Resizing").put("height", 4)
                .put("width", 5).put("data_format", "channels_first")));
    }
}
