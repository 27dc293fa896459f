package ai.lepton.io.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonNull;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KerasLayersTest {
    @Test
    void snakeCaseIsKerasOwn() {
        Map<String, String> expected = Map.of("Dense", "dense", "MaxPooling2D", "max_pooling2d", "LeakyReLU", "leaky_re_lu",
                "BatchNormalization", "batch_normalization", "GlobalAveragePooling2D", "global_average_pooling2d", "LSTM", "lstm",
                "Conv2DTranspose", "conv2d_transpose", "InputLayer", "input_layer", "my_package>MyLayer", "my_layer",
                "Functional", "functional");
        expected.forEach((cls, snake) -> assertEquals(snake, KerasLayers.snakeCase(cls), cls));
    }

    @Test
    void recurrentLayersKeepTheirVariablesInTheirCell() {
        assertEquals(List.of(new KerasLayers.WeightGroup("vars", "dense", 0, 2)), KerasLayers.weightGroups("Dense", "dense", 2));
        assertEquals(List.of(new KerasLayers.WeightGroup("vars", "lstm", 0, 0), new KerasLayers.WeightGroup("cell/vars", "lstm_cell",
                0, 3)), KerasLayers.weightGroups("LSTM", "lstm", 3));
    }

    @Test
    void neutralValuesAreKerasDefaultsAndNulls() {
        assertTrue(KerasLayers.isNeutral("kernel_regularizer", JsonNull.INSTANCE));
        assertTrue(KerasLayers.isNeutral("dilation_rate", JsonParser.parseString("[1, 1]")));
        assertTrue(KerasLayers.isNeutral("dilation_rate", JsonParser.parseString("1")));
        assertTrue(KerasLayers.isNeutral("data_format", JsonParser.parseString("\"channels_last\"")));
        assertFalse(KerasLayers.isNeutral("dilation_rate", JsonParser.parseString("[2, 2]")));
        assertFalse(KerasLayers.isNeutral("groups", JsonParser.parseString("2")));
        assertFalse(KerasLayers.isNeutral("units", JsonParser.parseString("1")));
        assertTrue(KerasLayers.isTrainingOnly("kernel_regularizer"));
        assertFalse(KerasLayers.isTrainingOnly("activation"));
    }
}
