package ai.lepton.layers;

import ai.lepton.config.Config;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The affine cases of {@code affine.json}: Keras's rotation, zoom and translation matrices for
 * factors given as equal pairs (so that the drawn transform is known), sampled by the NumPy
 * reference with each fill mode and interpolation.
 */
final class AffineFixtures {
    private AffineFixtures() {
    }

    /**
     * @param layer a Keras class name
     * @return the cases of that layer
     */
    static Stream<JsonObject> of(String layer) {
        return LayerFixtures.cases("affine.json", "cases").stream().filter(c -> c.get("layer").getAsString().equals(layer));
    }

    /**
     * Builds the case's layer from a Keras-style config, as a model file would.
     *
     * @param c the case
     * @return the built layer
     */
    static Layer layer(JsonObject c) {
        String className = c.get("layer").getAsString();
        Config config = Config.of(className).put("fill_mode", c.get("fill_mode").getAsString())
                .put("interpolation", c.get("interpolation").getAsString()).put("fill_value", c.get("fill_value").getAsDouble())
                .put("seed", null).put("data_format", "channels_last");
        for (Map.Entry<String, com.google.gson.JsonElement> e : c.getAsJsonObject("settings").entrySet()) {
            config.put(e.getKey(), LayerFixtures.doubles(c.getAsJsonObject("settings"), e.getKey()));
        }
        Layer layer = Layers.fromConfig(className, config);
        int[] shape = LayerFixtures.ints(c, "x_shape");
        layer.build(Arrays.copyOfRange(shape, 1, shape.length), 7L);
        return layer;
    }
}
