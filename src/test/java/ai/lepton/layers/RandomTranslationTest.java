package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RandomTranslationTest {
    static Stream<JsonObject> cases() {
        return AffineFixtures.of("RandomTranslation");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainingMatchesKerasMatrixSampledByTheNumPyReference(JsonObject c) {
        Layer layer = AffineFixtures.layer(c);
        LayerFixtures.assertMatches(c.get("name").getAsString(), c, x -> layer.call(x, true));
    }

    @Test
    void inferencePassesImagesUnchanged() {
        Tensor x = Tensor.randn(1, 2, 5, 4, 3);
        Layer layer = new RandomTranslation(0.2, 0.3);
        layer.build(new int[] {5, 4, 3}, 3L);
        assertSame(x, layer.call(x, false));
    }

    @Test
    void drawsAreReproducibleFromTheSeedAndDifferBetweenCalls() {
        Tensor x = Tensor.randn(1, 3, 6, 5, 2);
        Layer a = new RandomTranslation(0.2, 0.3);
        Layer b = new RandomTranslation(0.2, 0.3);
        a.build(new int[] {6, 5, 2}, 11L);
        b.build(new int[] {6, 5, 2}, 11L);
        double[] first = a.call(x, true).toArray();
        assertArrayEquals(first, b.call(x, true).toArray(), 0.0);
        assertTrue(!java.util.Arrays.equals(first, a.call(x, true).toArray()), "the second call must draw anew");
    }

    @Test
    void badSettingsAndInputsAreRejected() {
        IllegalArgumentException factor = assertThrows(IllegalArgumentException.class, () -> new RandomTranslation(0.1, -1.2));
        assertTrue(factor.getMessage().contains("Received: width_factor=-1.2"), factor.getMessage());
        ShapeException rank = assertThrows(ShapeException.class, () -> new RandomTranslation(0.2, 0.3).computeOutputShape(new int[] {5, 4}));
        assertTrue(rank.getMessage().contains("(None, 5, 4)"), rank.getMessage());
        IllegalArgumentException fill = assertThrows(IllegalArgumentException.class, () -> new RandomTranslation(0.2, 0.3).fillMode("mirror"));
        assertTrue(fill.getMessage().contains("Received: fill_mode=mirror"), fill.getMessage());
        IllegalArgumentException interpolation = assertThrows(IllegalArgumentException.class, () -> new RandomTranslation(0.2, 0.3).interpolation("bicubic"));
        assertTrue(interpolation.getMessage().contains("Received: interpolation=bicubic"), interpolation.getMessage());
    }
}
