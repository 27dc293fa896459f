package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.autograd.GradCheck;
import ai.lepton.config.Config;
import ai.lepton.models.Input;
import ai.lepton.models.Model;
import ai.lepton.models.SymbolicTensor;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bidirectional against PyTorch float64 with Keras's semantics, and its outputs, weights, config and errors. */
class BidirectionalTest {
    private static final double GRAD_TOLERANCE = 1e-6;

    static Stream<RecurrentGolden.Case> golden() {
        return RecurrentGolden.bidirectionalCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void mergedOutputAndGradientsMatchPyTorch(RecurrentGolden.Case c) {
        JsonObject json = c.json();
        RecurrentLayer<?> inner = RecurrentGolden.layer(json.get("cell").getAsString(), json.get("units").getAsInt())
                .returnSequences(json.get("return_sequences").getAsBoolean());
        Bidirectional layer = new Bidirectional(inner, json.get("merge_mode").getAsString());
        Tensor x = RecurrentGolden.input(json);
        RecurrentGolden.setWeights(layer, json, new int[] {x.shape()[1], x.shape()[2]});
        Tensor y = layer.call(x, true);
        assertArrayEquals(RecurrentGolden.doubles(json.get("output")), y.toArray(), RecurrentGolden.TOLERANCE);
        y.mul(Tensor.of(RecurrentGolden.doubles(json.get("output_weights")), y.shape())).sum().backward();
        assertArrayEquals(RecurrentGolden.doubles(json.get("grad_x")), x.grad().toArray(), RecurrentGolden.TOLERANCE);
        RecurrentGolden.assertGradients(layer, RecurrentGolden.list(json.get("grad_weights")));
    }

    @Test
    void theLayersAreCopiesNamedForTheirDirectionWithForwardWeightsFirst() {
        Bidirectional b = new Bidirectional(new LSTM(3).name("encoder"));
        b.build(new int[] {5, 2}, 1L);
        assertEquals("forward_encoder", b.forwardLayer().name());
        assertEquals("backward_encoder", b.backwardLayer().name());
        assertFalse(b.forwardLayer().goBackwards());
        assertTrue(b.backwardLayer().goBackwards());
        assertEquals(List.of("forward_encoder/kernel", "forward_encoder/recurrent_kernel", "forward_encoder/bias",
                "backward_encoder/kernel", "backward_encoder/recurrent_kernel", "backward_encoder/bias"), b.weightNames());
        assertEquals(List.copyOf(b.weightNames()), List.copyOf(b.variablesByPath().keySet()));
        assertFalse(java.util.Arrays.equals(b.getWeights().get(0).toArray(), b.getWeights().get(3).toArray()),
                "each direction draws its own weights");
    }

    @Test
    void withoutAMergeModeItReturnsBothOutputsAndWithStatesBothLayersStates() {
        SymbolicTensor in = Input.shape(6, 3);
        List<SymbolicTensor> out = new Bidirectional(new LSTM(4).returnSequences(true).returnState(true), null).applyAll(in);
        assertEquals(6, out.size());
        assertArrayEquals(new int[] {6, 4}, out.get(0).shape());
        assertArrayEquals(new int[] {6, 4}, out.get(1).shape());
        for (SymbolicTensor s : out.subList(2, 6)) {
            assertArrayEquals(new int[] {4}, s.shape());
        }
        Bidirectional concat = new Bidirectional(new GRU(4).returnSequences(true));
        assertArrayEquals(new int[] {6, 8}, concat.computeOutputShape(new int[] {6, 3}));
        Bidirectional sum = new Bidirectional(new GRU(4), "sum");
        assertArrayEquals(new int[] {4}, sum.computeOutputShape(new int[] {6, 3}));
    }

    @Test
    void twoOutputsConcatenatedAreTheConcatMergeAndGradientsMatchFiniteDifferences() {
        Bidirectional apart = new Bidirectional(new SimpleRNN(2).returnSequences(true), null);
        Bidirectional joined = new Bidirectional(new SimpleRNN(2).returnSequences(true));
        apart.build(new int[] {4, 3}, 5L);
        joined.build(new int[] {4, 3}, 6L);
        joined.setWeights(apart.getWeights());
        Tensor x = Tensor.randn(1, 2, 4, 3);
        Storage.attachMask(x, Tensor.of(new double[] {1, 1, 1, 0, 1, 1, 1, 1}, 2, 4));
        List<Tensor> two = apart.call(List.of(x), false);
        assertArrayEquals(ai.lepton.autograd.Concat.apply(two, -1).toArray(), joined.call(x, false).toArray(), 0.0);
        assertTrue(Storage.mask(two.get(0)) == Storage.mask(x) && Storage.mask(two.get(1)) == Storage.mask(x));
        Tensor leaf = Tensor.randn(1, 2, 4, 3).requiresGrad(true);
        Storage.attachMask(leaf, Storage.mask(x));
        Tensor m0 = Tensor.randn(2, 2, 4, 2);
        Tensor m1 = Tensor.randn(3, 2, 4, 2);
        List<Tensor> all = new ArrayList<>(apart.trainableWeights());
        all.add(0, leaf);
        GradCheck.Result r = GradCheck.check(t -> {
            List<Tensor> y = apart.call(List.of(leaf), false);
            return y.get(0).mul(m0).sum().add(y.get(1).mul(m1).sum());
        }, all.toArray(new Tensor[0]));
        assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
    }

    @Test
    void initialStatesAreSplitBetweenTheDirections() {
        Bidirectional b = new Bidirectional(new LSTM(2), null);
        b.build(List.of(new int[] {3, 2}, new int[] {2}, new int[] {2}, new int[] {2}, new int[] {2}), 4L);
        Tensor x = Tensor.randn(1, 2, 3, 2);
        List<Tensor> states = List.of(Tensor.randn(2, 2, 2), Tensor.randn(3, 2, 2), Tensor.randn(4, 2, 2), Tensor.randn(5, 2, 2));
        List<Tensor> in = new ArrayList<>(List.of(x));
        in.addAll(states);
        List<Tensor> y = b.call(in, false);
        assertArrayEquals(b.forwardLayer().call(List.of(x, states.get(0), states.get(1)), false).get(0).toArray(),
                y.get(0).toArray(), 0.0);
        assertArrayEquals(b.backwardLayer().call(List.of(x, states.get(2), states.get(3)), false).get(0).toArray(),
                y.get(1).toArray(), 0.0);
    }

    @Test
    void theConfigNestsBothLayersAndAModelSavesAndLoadsIt(@TempDir Path dir) {
        Bidirectional b = new Bidirectional(new GRU(3).returnSequences(true), "ave");
        Config config = b.getConfig();
        assertEquals("ave", config.getString("merge_mode"));
        assertEquals("GRU", config.getConfig("layer").getString("class_name"));
        assertEquals("forward_gru", config.getConfig("layer").getConfig("config").getString("name"));
        assertTrue(config.getConfig("backward_layer").getConfig("config").getBoolean("go_backwards"));
        assertTrue(config.getConfig("layer").getConfig("config").getBoolean("zero_output_for_mask"));
        assertNull(new Bidirectional(new GRU(3), null).getConfig().get("merge_mode"));
        SymbolicTensor in = Input.shape(5, 2);
        Model model = new Model(in, new Dense(1).apply(new Bidirectional(new LSTM(3)).apply(in))).seed(9L);
        Tensor x = Tensor.randn(1, 4, 5, 2);
        Path file = dir.resolve("bidirectional.lepton");
        model.save(file);
        Model loaded = Model.load(file);
        assertArrayEquals(model.predict(x).toArray(), loaded.predict(x).toArray(), 0.0);
        assertEquals(model.weightNames(), loaded.weightNames());
    }

    @Test
    void aStatefulPairCarriesBothDirectionsStatesAndResetsThem() {
        Bidirectional b = new Bidirectional(new GRU(2).stateful(true), "sum");
        b.build(new int[] {3, 2}, 2L);
        Tensor x = Tensor.randn(1, 2, 3, 2);
        double[] first = b.call(x, false).toArray();
        assertFalse(java.util.Arrays.equals(first, b.call(x, false).toArray()));
        assertEquals(1, b.backwardLayer().states().size());
        b.resetStates();
        assertArrayEquals(first, b.call(x, false).toArray(), 0.0);
    }

    @Test
    void onlyRecurrentLayersAndMatchingBackwardLayersAreAccepted() {
        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class, () -> new Bidirectional(new Dense(3)));
        assertTrue(dense.getMessage().contains("Dense"), dense.getMessage());
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class, () -> new Bidirectional(new LSTM(3), "max"));
        assertTrue(mode.getMessage().contains("merge_mode=max"), mode.getMessage());
        Bidirectional b = new Bidirectional(new LSTM(3).returnSequences(true));
        IllegalArgumentException direction = assertThrows(IllegalArgumentException.class,
                () -> b.backwardLayer(new LSTM(3).returnSequences(true)));
        assertTrue(direction.getMessage().contains("go_backwards"), direction.getMessage());
        IllegalArgumentException sequences = assertThrows(IllegalArgumentException.class,
                () -> b.backwardLayer(new LSTM(3).goBackwards(true)));
        assertTrue(sequences.getMessage().contains("return_sequences"), sequences.getMessage());
        b.backwardLayer(new GRU(3).returnSequences(true).goBackwards(true));
        assertEquals("backward_gru", b.backwardLayer().name());
        assertArrayEquals(new int[] {5, 6}, b.computeOutputShape(new int[] {5, 2}));
    }
}
