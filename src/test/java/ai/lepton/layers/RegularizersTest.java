package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegularizersTest {
    /** The penalties are short sums in double precision on both sides. */
    private static final double TOLERANCE = 1e-14;

    static Stream<JsonObject> goldenCases() {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : LayerGolden.read("regularization.json").getAsJsonArray("regularizers")) {
            out.add(e.getAsJsonObject());
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("goldenCases")
    void penaltiesAndTheirGradientsMatchKerasFormulas(JsonObject c) {
        String className = c.get("class_name").getAsString();
        Regularizer r = Regularizers.fromConfig(className, LayerGolden.config(className, c.getAsJsonObject("config")));
        Tensor w = LayerGolden.tensor(c.getAsJsonObject("w")).requiresGrad(true);
        Tensor penalty = r.penalty(w);
        assertEquals(c.get("penalty").getAsDouble(), penalty.item(), TOLERANCE, className);
        penalty.backward();
        LayerGolden.assertClose(LayerGolden.tensor(c.getAsJsonObject("grad")), w.grad(), TOLERANCE, className + " gradient");
    }

    @Test
    void kerasNamesGiveKerasDefaults() {
        assertEquals(0.01, ((L1) Regularizers.get("l1")).l1());
        assertEquals(0.01, ((L2) Regularizers.get("l2")).l2());
        assertEquals(0.01, ((L2) Regularizers.get("L2")).l2());
        L1L2 both = (L1L2) Regularizers.get("l1_l2");
        assertEquals(0.0, both.l1());
        assertEquals(0.0, both.l2());
        assertInstanceOf(L1L2.class, Regularizers.get("l1l2"));
        assertEquals(0.0, new L1L2().penalty(Tensor.ones(2, 2)).item(), 0.0);
    }

    @Test
    void serializedFormIsKerasNestedConfig() {
        Config saved = Regularizers.serialize(new L1L2(0.5, 0.25));
        assertEquals("L1L2", saved.getString("class_name"));
        assertEquals(Config.of("x").put("l1", 0.5).put("l2", 0.25), saved.getConfig("config"));
        Config keras = Config.of("k").put("module", "keras.regularizers").put("class_name", "L2")
                .put("config", Config.of("c").put("l2", 0.125)).put("registered_name", null);
        assertEquals(0.125, ((L2) Regularizers.deserialize(keras)).l2());
    }

    @Test
    void aRegisteredRegularizerOfYourOwnSavesAndLoads() {
        Regularizers.register("test>Zero", ZeroPenalty.class, config -> new ZeroPenalty());
        Regularizer again = Regularizers.deserialize(Regularizers.serialize(new ZeroPenalty()));
        assertInstanceOf(ZeroPenalty.class, again);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Regularizers.serialize(w -> w.sum()));
        assertTrue(e.getMessage().contains("not registered"), e.getMessage());
    }

    @Test
    void badFactorsAndNamesAreRejectedEchoingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new L2(-0.1));
        assertTrue(e.getMessage().contains("Received: l2=-0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new L1L2(Double.NaN, 0));
        assertTrue(e.getMessage().contains("Received: l1=NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Regularizers.get("l3"));
        assertTrue(e.getMessage().contains("'l3'") && e.getMessage().contains("l1_l2"), e.getMessage());
        Config unknown = Config.of("k").put("class_name", "L2").put("config", Config.of("c").put("l2", 0.1).put("l3", 1));
        ConfigException c = assertThrows(ConfigException.class, () -> Regularizers.deserialize(unknown));
        assertTrue(c.getMessage().contains("l3"), c.getMessage());
        Config negative = Config.of("k").put("class_name", "L1").put("config", Config.of("c").put("l1", -1.0));
        assertThrows(ConfigException.class, () -> Regularizers.deserialize(negative));
    }

    /** A penalty of a user's own class. */
    static final class ZeroPenalty implements Regularizer {
        @Override
        public Tensor penalty(Tensor value) {
            return value.sum().mul(0.0);
        }
    }
}
