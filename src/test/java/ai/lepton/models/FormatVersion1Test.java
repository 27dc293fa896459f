package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.layers.Dropout;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Files written by the last Lepton of format 1 (src/test/resources/models/v1, with the program
 * that wrote them) load into today's models bit for bit, and training resumes exactly.
 *
 * <p>The MLPs' predictions are compared to within {@link #LAST_BITS}: since then, products too
 * small to pack (these MLPs' are) sum by fused multiply-adds as the packed ones always did, which
 * moves some probabilities by an ulp. A wrong weight, dropout mask or optimizer state would move
 * them by many orders of magnitude more.
 */
class FormatVersion1Test {
    private static final Path DIR = Path.of("src/test/resources/models/v1");
    /** A few ulps of a probability. */
    private static final double LAST_BITS = 1e-15;
    private final JsonObject expected;

    FormatVersion1Test() throws IOException {
        expected = JsonParser.parseString(Files.readString(DIR.resolve("expected.json"))).getAsJsonObject();
    }

    private double[] values(String key) {
        JsonArray a = expected.getAsJsonArray(key);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }

    private Tensor x() {
        return Tensor.of(values("x"), 12, 4);
    }

    @Test
    void aTrainedMlpWithDropoutPredictsAndResumesItsThirdEpochExactly() {
        Sequential model = Sequential.load(DIR.resolve("mlp_adam_dropout.lepton"));
        assertArrayEquals(values("mlp_predictions"), model.predict(x()).toArray(), LAST_BITS);
        assertTrue(((Dropout) model.layers().get(1)).draws() > 0, "the mask count travels in format 1's layer state");
        Tensor y = x().matmul(Tensor.randn(2, 4, 3)).argmax(1);
        model.fit(x(), y, FitOptions.create().epochs(3).initialEpoch(2).batchSize(4).verbose(0));
        assertArrayEquals(values("mlp_after_third_epoch"), model.predict(x()).toArray(), LAST_BITS);
    }

    @Test
    void aConvolutionalModelWithMomentumLoadsBitForBit() {
        Sequential model = Sequential.load(DIR.resolve("cnn_sgd_momentum.lepton"));
        assertArrayEquals(values("cnn_predictions"), model.predict(Tensor.of(values("image"), 2, 6, 6, 1)).toArray(), 0.0);
        assertEquals(1, model.optimizer().iterations() > 0 ? 1 : 0);
        assertEquals("categorical_crossentropy", model.loss().name());
    }

    @Test
    void anUnbuiltModelMakesTheWeightsItsSeedMakes() {
        Sequential model = Sequential.load(DIR.resolve("unbuilt_rmsprop.lepton"));
        assertArrayEquals(values("unbuilt_predictions"), model.predict(x()).toArray(), LAST_BITS);
        assertEquals(java.util.List.of("accuracy"), model.metricNames());
    }
}
