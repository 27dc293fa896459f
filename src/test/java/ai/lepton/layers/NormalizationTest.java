package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.models.Input;
import ai.lepton.models.Model;
import ai.lepton.models.SymbolicTensor;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NormalizationTest {
    /** Merging batch statistics reorders the sums: agreement to a few ulps of values around 10. */
    private static final double MERGED_TOLERANCE = 1e-12;

    static Stream<JsonObject> cases() {
        return LayerFixtures.cases("normalization.json", "cases").stream();
    }

    private static Normalization adapted(JsonObject c, List<Tensor> batches) {
        return new Normalization().axis(LayerFixtures.ints(c, "axis")).adapt(batches);
    }

    private static Tensor data(JsonObject c) {
        return Tensor.of(LayerFixtures.doubles(c, "data"), LayerFixtures.ints(c, "data_shape"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void adaptComputesNumPysMeanAndPopulationVariance(JsonObject c) {
        Normalization layer = adapted(c, List.of(data(c)));
        List<Tensor> w = layer.getWeights();
        LayerFixtures.assertClose("mean", LayerFixtures.doubles(c, "mean"), w.get(0).toArray());
        LayerFixtures.assertClose("variance", LayerFixtures.doubles(c, "variance"), w.get(1).toArray());
        assertEquals(c.get("count").getAsInt(), w.get(2).item());
        assertEquals(List.of("mean", "variance", "count"), layer.weightNames());
        assertTrue(layer.trainableWeights().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void adaptingBatchByBatchGivesTheStatisticsOfAllTheData(JsonObject c) {
        Tensor all = data(c);
        int[] shape = all.shape();
        int per = all.size() / shape[0];
        List<Tensor> batches = new ArrayList<>();
        double[] values = all.toArray();
        for (int from = 0; from < shape[0]; from += 2) {
            int n = Math.min(2, shape[0] - from);
            int[] s = shape.clone();
            s[0] = n;
            batches.add(Tensor.of(Arrays.copyOfRange(values, from * per, (from + n) * per), s));
        }
        List<Tensor> w = adapted(c, batches).getWeights();
        assertArrayEquals(LayerFixtures.doubles(c, "mean"), w.get(0).toArray(), MERGED_TOLERANCE);
        assertArrayEquals(LayerFixtures.doubles(c, "variance"), w.get(1).toArray(), MERGED_TOLERANCE);
    }

    @Test
    void kerasDocstringExamples() {
        Normalization all = new Normalization().axis().adapt(Tensor.of(new double[] {1, 2, 3, 4, 5}, 5, 1));
        assertArrayEquals(new double[] {-Math.sqrt(2), -Math.sqrt(0.5), 0}, all.call(Tensor.of(new double[] {1, 2, 3}, 3, 1), false)
                .toArray(), 1e-15);
        Tensor data = Tensor.of(new double[] {0, 7, 4, 2, 9, 6, 0, 7, 4, 2, 9, 6}, 4, 3);
        Normalization perFeature = new Normalization().adapt(data);
        assertArrayEquals(new double[] {-1, -1, -1}, perFeature.call(Tensor.of(new double[] {0, 7, 4}, 1, 3), false).toArray(), 1e-15);
        Normalization inverse = new Normalization().invert(true).adapt(data);
        assertArrayEquals(new double[] {2, 10, 8}, inverse.call(Tensor.of(new double[] {1, 2, 3}, 1, 3), false).toArray(), 1e-15);
        Normalization given = new Normalization().mean(3).variance(2);
        given.build(new int[] {1}, 1L);
        assertArrayEquals(new double[] {-Math.sqrt(2), -Math.sqrt(0.5), 0}, given.call(Tensor.of(new double[] {1, 2, 3}, 3, 1), false)
                .toArray(), 1e-15);
        assertTrue(given.getWeights().isEmpty());
    }

    @Test
    void aZeroVarianceDividesByKerasEpsilon() {
        Normalization layer = new Normalization().mean(1).variance(0);
        layer.build(new int[] {2}, 1L);
        assertArrayEquals(new double[] {1e7, 0}, layer.call(Tensor.of(new double[] {2, 1}, 1, 2), false).toArray(), 1e-6);
    }

    @Test
    void aSavedModelKeepsTheAdaptedStatistics(@TempDir Path dir) {
        Normalization norm = new Normalization().adapt(Tensor.randn(3, 20, 4).mul(5).add(2));
        SymbolicTensor in = Input.shape(4);
        Model model = new Model(in, norm.apply(in)).seed(1L);
        Tensor x = Tensor.randn(4, 3, 4);
        Path file = dir.resolve("norm.lepton");
        model.save(file);
        assertArrayEquals(model.predict(x).toArray(), Model.load(file).predict(x).toArray(), 0.0);
    }

    @Test
    void badSettingsAndDataAreRejectedNamingTheLayer() {
        ShapeException batch = assertThrows(ShapeException.class, () -> new Normalization().axis(0).computeOutputShape(new int[] {3}));
        assertTrue(batch.getMessage().contains("'normalization'") && batch.getMessage().contains("batch"), batch.getMessage());
        assertThrows(ShapeException.class, () -> new Normalization().axis(3).computeOutputShape(new int[] {3, 2}));
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
                () -> new Normalization().mean(1).computeOutputShape(new int[] {3}));
        assertTrue(half.getMessage().contains("both mean and variance"), half.getMessage());
        assertThrows(ShapeException.class, () -> new Normalization().mean(1, 2).variance(1, 2).computeOutputShape(new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> new Normalization().variance(-1));
        assertThrows(IllegalStateException.class, () -> new Normalization().mean(0).variance(1).adapt(Tensor.ones(2, 3)));
        Normalization built = new Normalization().adapt(Tensor.ones(2, 3));
        ShapeException other = assertThrows(ShapeException.class, () -> built.adapt(Tensor.ones(2, 4)));
        assertTrue(other.getMessage().contains("(None, 3)") && other.getMessage().contains("(2, 4)"), other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Normalization().adapt(List.of()));
    }

    @Test
    void kerasConfigsNameTheAxesOrNoneAndDefaultToTheLastAxis() {
        ai.lepton.config.Config none = ai.lepton.config.Config.of("Normalization").put("axis", java.util.List.of()).put("invert", false)
                .put("mean", null).put("variance", null);
        assertEquals(0, Layers.fromConfig("Normalization", none).getConfig().getInts("axis").length);
        ai.lepton.config.Config absent = ai.lepton.config.Config.of("Normalization").put("mean", 2.0).put("variance", 4.0);
        Layer byDefault = Layers.fromConfig("Normalization", absent);
        assertArrayEquals(new int[] {-1}, byDefault.getConfig().getInts("axis"));
        byDefault.build(new int[] {2}, 1L);
        assertArrayEquals(new double[] {0, 1}, byDefault.call(Tensor.of(new double[] {2, 4}, 1, 2), false).toArray(), 0.0);
    }
}
