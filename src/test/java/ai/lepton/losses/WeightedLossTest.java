package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.autograd.GradCheck;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Loss#compute(Tensor, Tensor, Tensor)}: weighted losses against PyTorch float64 with Keras
 * 3's reductions (golden/weights/make_golden.py), hand calculations, and shape errors.
 */
class WeightedLossTest {
    private static final Path FIXTURE = Path.of("src/test/resources/golden/weights/weights.json");

    /** One weighted case of the fixture. */
    record WeightedCase(String name, JsonObject json) {
        @Override
        public String toString() {
            return name;
        }

        double[] values(String key) {
            JsonArray array = json.getAsJsonArray(key);
            double[] out = new double[array.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = array.get(i).getAsDouble();
            }
            return out;
        }

        int[] shape(String key) {
            JsonArray array = json.getAsJsonArray(key);
            int[] out = new int[array.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = array.get(i).getAsInt();
            }
            return out;
        }

        Tensor tensor(String key) {
            return Tensor.of(values(key), shape(key + "_shape"));
        }

        Loss loss(String reduction) {
            return Losses.get(json.get("loss").getAsString()).reduction(reduction);
        }

        Tensor predictions(Tensor leaf) {
            switch (json.get("input").getAsString()) {
                case "softmax":
                    return leaf.softmax(-1);
                case "sigmoid":
                    return leaf.sigmoid();
                default:
                    return leaf;
            }
        }
    }

    static List<WeightedCase> cases() throws IOException {
        JsonObject golden = JsonParser.parseString(Files.readString(FIXTURE)).getAsJsonObject();
        List<WeightedCase> cases = new ArrayList<>();
        for (JsonElement e : golden.getAsJsonArray("losses")) {
            JsonObject c = e.getAsJsonObject();
            cases.add(new WeightedCase(c.get("name").getAsString(), c));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void weightedLossesValuesAndGradientsMatchPyTorch(WeightedCase c) {
        Tensor yTrue = c.tensor("y_true");
        Tensor weights = c.tensor("sample_weight");
        Tensor leaf = c.tensor("values").requiresGrad(true);

        Tensor none = c.loss("none").compute(yTrue, c.predictions(leaf), weights);
        assertArrayEquals(c.shape("none_shape"), none.shape(), c + ": weighted per-example shape");
        Golden.assertClose(c.values("none"), none.toArray(), c + ": weighted per-example losses");

        Tensor sum = c.loss("sum").compute(yTrue, c.predictions(leaf), weights);
        Golden.assertClose(new double[] {c.json().get("sum").getAsDouble()}, new double[] {sum.item()}, c + ": sum");

        Tensor mean = c.loss("sum_over_batch_size").compute(yTrue, c.predictions(leaf), weights);
        Golden.assertClose(new double[] {c.json().get("sum_over_batch_size").getAsDouble()}, new double[] {mean.item()},
                c + ": sum_over_batch_size");
        mean.backward();
        Golden.assertClose(c.values("gradient"), leaf.grad().toArray(), c + ": gradient");

        Tensor byWeight = c.loss(Loss.MEAN_WITH_SAMPLE_WEIGHT).compute(yTrue, c.predictions(leaf), weights);
        Golden.assertClose(new double[] {c.json().get("mean_with_sample_weight").getAsDouble()}, new double[] {byWeight.item()},
                c + ": mean_with_sample_weight");

        Loss loss = c.loss("sum_over_batch_size");
        GradCheck.Result r = GradCheck.check(in -> loss.compute(yTrue, c.predictions(in[0]), weights),
                c.tensor("values").requiresGrad(true));
        assertTrue(r.passed(Golden.GRAD_CHECK), c + ": " + r);
    }

    @Test
    void theMeanDividesTheWeightedSumByTheBatchSizeNotByTheSumOfTheWeights() {
        // Squared errors 1, 4, 9, 16 weighted 1, 0.5, 2, 0: (1 + 2 + 18 + 0) / 4.
        Tensor yTrue = Tensor.of(new double[] {0, 0, 0, 0}, 4, 1);
        Tensor yPred = Tensor.of(new double[] {1, 2, 3, 4}, 4, 1);
        Tensor weights = Tensor.of(new double[] {1, 0.5, 2, 0}, 4);
        assertEquals(21.0 / 4, new MeanSquaredError().compute(yTrue, yPred, weights).item(), 0);
        assertEquals(21.0, new MeanSquaredError().reduction("sum").compute(yTrue, yPred, weights).item(), 0);
        assertArrayEquals(new double[] {1, 2, 18, 0},
                new MeanSquaredError().reduction("none").compute(yTrue, yPred, weights).toArray(), 0);
        // Keras's "mean_with_sample_weight" divides by the weights' sum, 3.5, instead.
        assertEquals(21.0 / 3.5, new MeanSquaredError().reduction(Loss.MEAN_WITH_SAMPLE_WEIGHT).compute(yTrue, yPred, weights)
                .item(), 1e-15);
    }

    @Test
    void meanWithSampleWeightIsZeroForWeightsThatSumToZeroAndTheMeanWithoutWeights() {
        Tensor yTrue = Tensor.zeros(2, 1);
        Tensor yPred = Tensor.of(new double[] {1, 2}, 2, 1).requiresGrad(true);
        Loss loss = new MeanSquaredError().reduction(Loss.MEAN_WITH_SAMPLE_WEIGHT);
        Tensor zero = loss.compute(yTrue, yPred, Tensor.zeros(2));
        assertEquals(0.0, zero.item(), 0);
        zero.backward();
        assertArrayEquals(new double[] {0, 0}, yPred.grad().toArray(), 0);
        assertEquals(2.5, loss.compute(yTrue, yPred).item(), 0);
        assertEquals(Loss.MEAN_WITH_SAMPLE_WEIGHT, Losses.fromConfig("MeanSquaredError", loss.getConfig()).reduction());
    }

    @Test
    void unitWeightsGiveTheUnweightedLossAndNullWeightsAreNoWeights() {
        Tensor yTrue = Tensor.of(new double[] {2, 0, 1}, 3);
        Tensor yPred = Tensor.of(new double[] {0.2, 0.3, 0.5, 0.6, 0.3, 0.1, 0.1, 0.7, 0.2}, 3, 3);
        Loss loss = new SparseCategoricalCrossentropy();
        double unweighted = loss.compute(yTrue, yPred).item();
        assertEquals(unweighted, loss.compute(yTrue, yPred, Tensor.ones(3)).item(), 1e-15);
        assertEquals(unweighted, loss.compute(yTrue, yPred, null).item(), 0);
        assertEquals(2 * unweighted, loss.compute(yTrue, yPred, Tensor.ones(3).mul(2)).item(), 1e-15);
    }

    @Test
    void weightsThatDoNotFitTheLossesAreAnErrorNamingTheLossAndBothShapes() {
        Tensor yTrue = Tensor.zeros(4, 3);
        Tensor yPred = Tensor.ones(4, 3);
        ShapeException e = assertThrows(ShapeException.class,
                () -> new MeanSquaredError().compute(yTrue, yPred, Tensor.ones(3)));
        assertEquals("mean_squared_error: sample weights of shape (3,) do not fit the per-example losses of shape (4,): "
                + "expected (4,) or (4, 1)", e.getMessage());
        ShapeException perStep = assertThrows(ShapeException.class,
                () -> new MeanSquaredError().compute(Tensor.zeros(4, 2, 3), Tensor.ones(4, 2, 3), Tensor.ones(4, 3)));
        assertEquals("mean_squared_error: sample weights of shape (4, 3) do not fit the per-example losses of shape (4, 2): "
                + "expected (4,) or (4, 2)", perStep.getMessage());
    }

    @Test
    void weightsOfTheLossesShapeAreUsedAsTheyAre() {
        Tensor values = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor weights = Tensor.of(new double[] {1, 0, 2, 0.5, 1, 1}, 2, 3);
        assertArrayEquals(weights.toArray(), WeightAlignment.align("loss", weights, values.shape()).toArray(), 0);
        assertArrayEquals(new int[] {2, 3}, WeightAlignment.align("loss", weights, values.shape()).shape());
        assertArrayEquals(new int[] {2, 1}, WeightAlignment.align("loss", Tensor.ones(2), values.shape()).shape());
        assertArrayEquals(new int[] {2}, WeightAlignment.align("loss", Tensor.ones(2, 1), new int[] {2}).shape());
    }
}
