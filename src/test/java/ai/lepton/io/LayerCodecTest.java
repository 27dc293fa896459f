package ai.lepton.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.layers.Activation;
import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Dropout;
import ai.lepton.layers.Flatten;
import ai.lepton.layers.Layer;
import ai.lepton.layers.MaxPooling2D;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayerCodecTest {
    private final Json json = new Json("test.lepton model.json");

    @Test
    void everyLayerTypeSurvivesARoundTripWithAllItsSettings() {
        List<Layer> layers = List.of(
                new Conv2D(8, 5, "elu").strides(2).padding("same").useBias(false).kernelInitializer("he_normal")
                        .inputShape(28, 28, 1).name("first"),
                new MaxPooling2D(3).strides(1).padding("same"),
                new Flatten(),
                new Dropout(0.25),
                new Dense(10, "swish").useBias(false).kernelInitializer("glorot_normal").biasInitializer("ones"),
                new Activation("softmax"));
        for (Layer layer : layers) {
            JsonObject encoded = LayerCodec.encode(layer);
            Layer decoded = LayerCodec.decode(encoded, json);
            assertEquals(layer.getClass(), decoded.getClass());
            assertEquals(encoded, LayerCodec.encode(decoded), layer.toString());
        }
        assertEquals(28, LayerCodec.decode(LayerCodec.encode(layers.get(0)), json).declaredInputShape()[0]);
    }

    @Test
    void unknownLayerTypeIsNamedWithTheKnownOnes() {
        JsonObject description = JsonParser.parseString("{\"class_name\":\"java.lang.Runtime\",\"config\":{}}").getAsJsonObject();
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> LayerCodec.decode(description, json));
        assertTrue(e.getMessage().contains("unknown layer type 'java.lang.Runtime'"), e.getMessage());
        assertTrue(e.getMessage().contains("Dense"), e.getMessage());
    }

    @Test
    void invalidSettingsAreAFormatErrorNotAnIllegalArgument() {
        for (String config : new String[] {
                "{\"class_name\":\"Dense\",\"config\":{\"units\":-3,\"activation\":\"relu\",\"use_bias\":true,"
                        + "\"kernel_initializer\":\"zeros\",\"bias_initializer\":\"zeros\"}}",
                "{\"class_name\":\"Dense\",\"config\":{\"units\":3}}",
                "{\"class_name\":\"Dropout\",\"config\":{\"rate\":\"high\"}}",
                "{\"class_name\":\"Flatten\",\"config\":{\"input_shape\":[-1]}}",
                "{\"class_name\":\"Flatten\"}"}) {
            JsonObject description = JsonParser.parseString(config).getAsJsonObject();
            assertThrows(ModelFormatException.class, () -> LayerCodec.decode(description, json), config);
        }
    }

    @Test
    void predictedWeightShapesAreWhatEveryLayerTypeMakes() {
        List<Layer> layers = List.of(
                new Conv2D(8, 3).inputShape(10, 10, 2),
                new Conv2D(4, 5).useBias(false).inputShape(10, 10, 3),
                new MaxPooling2D(),
                new Flatten(),
                new Dropout(0.5),
                new Dense(7).inputShape(6),
                new Dense(2).useBias(false).inputShape(4, 6),
                new Activation("relu"));
        int[][] inputs = {{10, 10, 2}, {10, 10, 3}, {4, 4, 3}, {4, 4, 3}, {12}, {6}, {4, 6}, {5}};
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            List<String> expectedNames = new ArrayList<>();
            Map<String, int[]> predicted = LayerCodec.weightShapes(layer, inputs[i]);
            layer.build(inputs[i], 1L);
            for (int w = 0; w < layer.weightNames().size(); w++) {
                String name = layer.weightNames().get(w);
                expectedNames.add(name);
                assertTrue(Arrays.equals(layer.trainableWeights().get(w).shape(), predicted.get(name)), layer + " " + name);
            }
            assertEquals(expectedNames, List.copyOf(predicted.keySet()), layer.toString());
        }
    }

    @Test
    void dropoutKeepsItsMaskCount() {
        Dropout dropout = new Dropout(0.5).masksDrawn(123_456_789_012L);
        JsonObject encoded = LayerCodec.encode(dropout);
        assertEquals(123_456_789_012L, ((Dropout) LayerCodec.decode(encoded, json)).masksDrawn());
        encoded.getAsJsonObject("state").addProperty("masks_drawn", -1);
        assertThrows(ModelFormatException.class, () -> LayerCodec.decode(encoded, json));
    }

    @Test
    void aLayerClassOfTheUsersOwnCannotBeSaved() {
        Layer custom = new Layer() {
            @Override
            public int[] computeOutputShape(int[] inputShape) {
                return inputShape;
            }

            @Override
            public Tensor call(Tensor x, boolean training) {
                return x;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> LayerCodec.encode(custom));
    }
}
