package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.models.Input;
import ai.lepton.models.Model;
import ai.lepton.models.Sequential;
import ai.lepton.models.SymbolicTensor;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Embedding: lookups, Keras's initial values, the mask of mask_zero and how it reaches the layers
 * that follow (against PyTorch float64 through a whole model), and bad token ids.
 */
class EmbeddingTest {
    @Test
    void eachIdPicksItsRowAndTheGradientAddsUpPerRow() {
        Embedding e = new Embedding(4, 2);
        e.build(new int[] {3}, 1L);
        e.setWeights(List.of(Tensor.of(new double[] {0, 1, 10, 11, 20, 21, 30, 31}, 4, 2)));
        Tensor y = e.call(Tensor.of(new double[] {3, 1, 3, 0, 2, 2}, 2, 3), false);
        assertArrayEquals(new int[] {2, 3, 2}, y.shape());
        assertArrayEquals(new double[] {30, 31, 10, 11, 30, 31, 0, 1, 20, 21, 20, 21}, y.toArray(), 0.0);
        y.sum().backward();
        assertArrayEquals(new double[] {1, 1, 1, 1, 2, 2, 2, 2}, e.trainableWeights().get(0).grad().toArray(), 0.0);
        assertNull(Storage.mask(y));
    }

    @Test
    void theEmbeddingsStartUniformInPlusMinusFiveHundredths() {
        Embedding e = new Embedding(200, 50);
        e.build(new int[] {1}, 1L);
        double[] w = e.getWeights().get(0).toArray();
        for (double v : w) {
            assertTrue(v >= -0.05 && v < 0.05, "value " + v);
        }
        assertEquals("uniform", e.getConfig().getString("embeddings_initializer"));
    }

    @Test
    void maskZeroMarksIdZeroAsPaddingAndALaterLstmSkipsIt() {
        Embedding e = new Embedding(6, 3).maskZero(true);
        e.build(new int[] {4}, 2L);
        Tensor ids = Tensor.of(new double[] {5, 2, 0, 0, 1, 0, 3, 4}, 2, 4);
        Tensor y = e.call(ids, false);
        assertArrayEquals(new double[] {1, 1, 0, 0, 1, 0, 1, 1}, Storage.mask(y).toArray(), 0.0);
        assertArrayEquals(Storage.mask(y).toArray(), e.computeMask(List.of(ids)).toArray(), 0.0);
        Sequential padded = new Sequential(new Embedding(6, 3).maskZero(true).inputShape(4), new LSTM(2));
        Sequential trimmed = new Sequential(new Embedding(6, 3).inputShape(2), new LSTM(2));
        padded.seed(3L);
        Tensor twoIds = Tensor.of(new double[] {5, 2}, 1, 2);
        padded.predict(Tensor.of(new double[] {5, 2, 0, 0}, 1, 4));
        trimmed.predict(twoIds);
        trimmed.setWeights(padded.getWeights());
        assertArrayEquals(trimmed.predict(twoIds).toArray(), padded.predict(Tensor.of(new double[] {5, 2, 0, 0}, 1, 4)).toArray(),
                1e-15, "trailing padding changes nothing");
    }

    @Test
    void aWholeMaskedModelMatchesPyTorch() {
        JsonObject c = RecurrentGolden.modelCase();
        int[] units = RecurrentGolden.ints(c.get("units"));
        int[] idsShape = RecurrentGolden.ints(c.get("ids_shape"));
        SymbolicTensor ids = Input.shape(idsShape[1]);
        SymbolicTensor embedded = new Embedding(c.get("vocabulary").getAsInt(), c.get("dim").getAsInt()).maskZero(true)
                .apply(ids);
        SymbolicTensor both = new Bidirectional(new LSTM(units[0]).returnSequences(true)).apply(embedded);
        SymbolicTensor out = new Dense(1).apply(new GRU(units[1]).apply(both));
        Model model = new Model(ids, out).seed(1L);
        Tensor x = Tensor.of(RecurrentGolden.doubles(c.get("ids")), idsShape);
        model.predict(x);
        List<double[]> values = RecurrentGolden.list(c.get("weights"));
        List<Tensor> weights = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            weights.add(Tensor.of(values.get(i), model.getWeights().get(i).shape()));
        }
        model.setWeights(weights);
        Tensor y = model.call(x, true);
        assertArrayEquals(RecurrentGolden.doubles(c.get("output")), y.toArray(), RecurrentGolden.TOLERANCE);
        y.mul(Tensor.of(RecurrentGolden.doubles(c.get("output_weights")), y.shape())).sum().backward();
        List<double[]> grads = RecurrentGolden.list(c.get("grad_weights"));
        List<Tensor> trained = model.trainableWeights();
        for (int i = 0; i < grads.size(); i++) {
            assertArrayEquals(grads.get(i), trained.get(i).grad().toArray(), RecurrentGolden.TOLERANCE, "weight " + i);
        }
    }

    @Test
    void badIdsNameTheLayerTheIdAndWhereItIs() {
        Embedding e = new Embedding(10, 2).name("words");
        e.build(new int[] {3}, 1L);
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> e.call(Tensor.of(new double[] {1, 2, 3, 4, 10, 5}, 2, 3), false));
        assertTrue(range.getMessage().contains("'words'") && range.getMessage().contains("10")
                && range.getMessage().contains("(1, 1)") && range.getMessage().contains("[0, 10)"), range.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> e.call(Tensor.of(new double[] {-1, 2, 3}, 1, 3), false));
        assertTrue(negative.getMessage().contains("-1"), negative.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> e.call(Tensor.of(new double[] {1, 2.5, 3}, 1, 3), false));
        assertTrue(fraction.getMessage().contains("2.5") && fraction.getMessage().contains("whole"), fraction.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.call(Tensor.of(new double[] {1, Double.NaN, 3}, 1, 3), false));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Embedding(0, 3)).getMessage().contains("input_dim=0"));
        ShapeException scalar = assertThrows(ShapeException.class, () -> e.call(Tensor.scalar(1), false));
        assertTrue(scalar.getMessage().contains("'words'"), scalar.getMessage());
    }

    @Test
    void aMaskReachingALayerThatCannotTakeOneIsAnErrorNamingIt() {
        SymbolicTensor ids = Input.shape(4);
        SymbolicTensor flat = new Flatten().name("flat").apply(new Embedding(5, 2).maskZero(true).apply(ids));
        Model model = new Model(ids, flat);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Tensor.of(new double[] {1, 2, 0, 0}, 1, 4)));
        assertTrue(e.getMessage().contains("'flat'") && e.getMessage().contains("does not support masking"), e.getMessage());
        SymbolicTensor ok = new Flatten().apply(new Embedding(5, 2).apply(ids));
        assertArrayEquals(new int[] {1, 8}, new Model(ids, ok).predict(Tensor.of(new double[] {1, 2, 0, 0}, 1, 4)).shape());
    }
}
