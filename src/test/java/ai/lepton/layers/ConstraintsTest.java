package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConstraintsTest {
    /** Norms of a few values and one division, in double precision on both sides. */
    private static final double TOLERANCE = 1e-14;

    static Stream<JsonObject> goldenCases() {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : LayerGolden.read("regularization.json").getAsJsonArray("constraints")) {
            out.add(e.getAsJsonObject());
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("goldenCases")
    void projectionsMatchKerasFormulas(JsonObject c) {
        String className = c.get("class_name").getAsString();
        Config config = LayerGolden.config(className, c.getAsJsonObject("config"));
        Constraint constraint = Constraints.fromConfig(className, config.copy());
        assertEquals(config, constraint.getConfig(), "config round trip");
        Tensor w = LayerGolden.tensor(c.getAsJsonObject("w"));
        double[] values = w.toArray();
        constraint.applyInPlace(values, w.shape());
        LayerGolden.assertClose(LayerGolden.tensor(c.getAsJsonObject("projected")), Tensor.of(values, w.shape()), TOLERANCE,
                className + " " + config);
    }

    @Test
    void kerasNamesGiveKerasDefaults() {
        MaxNorm maxNorm = (MaxNorm) Constraints.get("max_norm");
        assertEquals(2.0, maxNorm.maxValue());
        assertArrayEquals(new int[] {0}, maxNorm.axis());
        MinMaxNorm minMax = (MinMaxNorm) Constraints.get("MinMaxNorm");
        assertEquals(0.0, minMax.minValue());
        assertEquals(1.0, minMax.maxValue());
        assertEquals(1.0, minMax.rate());
        assertArrayEquals(new int[] {0}, ((UnitNorm) Constraints.get("unit_norm")).axis());
        assertInstanceOf(NonNeg.class, Constraints.get("non_neg"));
    }

    @Test
    void serializedFormIsKerasNestedConfig() {
        Config saved = Constraints.serialize(new MaxNorm(3.0, 0, 1, 2));
        assertEquals("MaxNorm", saved.getString("class_name"));
        assertArrayEquals(new int[] {0, 1, 2}, saved.getConfig("config").getInts("axis"));
        MaxNorm again = (MaxNorm) Constraints.deserialize(saved);
        assertEquals(3.0, again.maxValue());
        assertArrayEquals(new int[] {0, 1, 2}, again.axis());
    }

    @Test
    void anAxisOutOfRangeNamesTheConstraintAndTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UnitNorm(2).applyInPlace(new double[6], new int[] {2, 3}));
        assertTrue(e.getMessage().contains("UnitNorm") && e.getMessage().contains("(2, 3)"), e.getMessage());
    }

    @Test
    void badSettingsAreRejectedEchoingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MaxNorm(-1.0));
        assertTrue(e.getMessage().contains("Received: max_value=-1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MinMaxNorm(2.0, 1.0));
        assertTrue(e.getMessage().contains("min_value=2.0") && e.getMessage().contains("max_value=1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MinMaxNorm(0.0, 1.0, 1.5));
        assertTrue(e.getMessage().contains("Received: rate=1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new UnitNorm(0, 0));
        assertTrue(e.getMessage().contains("[0, 0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Constraints.get("maxnorm"));
        assertTrue(e.getMessage().contains("'maxnorm'") && e.getMessage().contains("max_norm"), e.getMessage());
    }
}
