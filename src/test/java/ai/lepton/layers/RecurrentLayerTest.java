package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.autograd.Flip;
import ai.lepton.autograd.GradCheck;
import ai.lepton.autograd.Narrow;
import ai.lepton.config.Config;
import ai.lepton.models.FitOptions;
import ai.lepton.models.Input;
import ai.lepton.models.Model;
import ai.lepton.models.SymbolicTensor;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the three recurrent layers share through {@link RecurrentLayer}: Keras's settings and
 * configs, stateful runs, returned and given states, dropout, masks, reversed reading, and errors.
 */
class RecurrentLayerTest {
    private static final long SEED = 7L;
    private static final double GRAD_TOLERANCE = 1e-6;

    /** A recurrent layer to test, made fresh each time. */
    record Kind(String name, Supplier<RecurrentLayer<?>> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(new Kind("SimpleRNN", () -> new SimpleRNN(3)), new Kind("LSTM", () -> new LSTM(3)),
                new Kind("GRU", () -> new GRU(3)), new Kind("GRU reset_before", () -> new GRU(3).resetAfter(false)));
    }

    private static Tensor sequences(long seed, int batch, int steps, int features) {
        return Tensor.randn(seed, batch, steps, features);
    }

    private static <L extends Layer> L built(L layer, int steps, int features) {
        layer.build(new int[] {steps, features}, SEED);
        return layer;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aStatefulLayerCarriesItsStatesAcrossBatchesLikeOneLongSequence(Kind kind) {
        Tensor whole = sequences(1, 2, 6, 4);
        RecurrentLayer<?> once = built(kind.make().get().returnSequences(true), 6, 4);
        RecurrentLayer<?> stateful = built(kind.make().get().returnSequences(true).stateful(true), 3, 4);
        stateful.setWeights(once.getWeights());
        double[] expected = once.call(whole, false).toArray();
        double[] first = stateful.call(Narrow.apply(whole, 1, 0, 3), false).toArray();
        double[] second = stateful.call(Narrow.apply(whole, 1, 3, 3), false).toArray();
        double[] joined = new double[expected.length];
        for (int b = 0; b < 2; b++) {
            System.arraycopy(first, b * 9, joined, b * 18, 9);
            System.arraycopy(second, b * 9, joined, b * 18 + 9, 9);
        }
        assertArrayEquals(expected, joined, 1e-15);
        assertEquals(kind.make().get().cell().states(), stateful.states().size());
        stateful.resetStates();
        assertArrayEquals(first, stateful.call(Narrow.apply(whole, 1, 0, 3), false).toArray(), 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aStatefulSecondBatchIsTheFirstBatchsStatesGivenAsInitialStatesValuesAndGradients(Kind kind) {
        RecurrentLayer<?> stateful = built(kind.make().get().stateful(true), 4, 2);
        RecurrentLayer<?> plain = built(kind.make().get(), 4, 2);
        plain.setWeights(stateful.getWeights());
        stateful.call(sequences(1, 3, 4, 2), true);
        List<Tensor> carried = stateful.states();
        Tensor x = sequences(2, 3, 4, 2).requiresGrad(true);
        Tensor y = stateful.call(x, true);
        Tensor mix = Tensor.randn(3, y.shape());
        y.mul(mix).sum().backward();
        Tensor x2 = sequences(2, 3, 4, 2).requiresGrad(true);
        List<Tensor> in = new ArrayList<>(List.of(x2));
        in.addAll(carried);
        Tensor y2 = plain.call(in, true).get(0);
        y2.mul(mix).sum().backward();
        assertArrayEquals(y2.toArray(), y.toArray(), 0.0);
        assertArrayEquals(x2.grad().toArray(), x.grad().toArray(), 0.0);
        for (int i = 0; i < plain.trainableWeights().size(); i++) {
            assertArrayEquals(plain.trainableWeights().get(i).grad().toArray(),
                    stateful.trainableWeights().get(i).grad().toArray(), 0.0);
        }
        // Truncated backpropagation: the second batch's input gradient, against finite differences
        // that replay both batches from zeros each time.
        GradCheck.Result r = GradCheck.check(t -> {
            stateful.resetStates();
            stateful.call(sequences(1, 3, 4, 2), false);
            return stateful.call(t[0], false).mul(mix).sum();
        }, sequences(2, 3, 4, 2).requiresGrad(true));
        assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
    }

    @Test
    void dropoutMasksAreRandomizedDrawsThatCanBeRenumbered() {
        LSTM withDropout = new LSTM(3).dropout(0.5).recurrentDropout(0.2);
        withDropout.build(new int[] {4, 2}, 5L);
        Tensor x = Tensor.randn(1, 2, 4, 2);
        Tensor first = withDropout.call(x, true);
        assertEquals(1, withDropout.draws());
        withDropout.call(x, true);
        assertArrayEquals(first.toArray(), withDropout.draws(0).call(x, true).toArray(), 0.0, "draw 0 again");
        LSTM plain = new LSTM(3);
        plain.build(new int[] {4, 2}, 5L);
        plain.call(x, true);
        assertEquals(0, plain.draws(), "without dropout nothing is drawn");
        assertEquals(plain, plain.draws(7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.draws(-1));
        assertTrue(e.getMessage().contains("draws=-1"), e.getMessage());
    }

    @Test
    void aStatefulLayerKeepsItsBatchSize() {
        LSTM lstm = built(new LSTM(2).stateful(true), 3, 2);
        lstm.call(sequences(1, 4, 3, 2), false);
        ShapeException e = assertThrows(ShapeException.class, () -> lstm.call(sequences(1, 5, 3, 2), false));
        assertTrue(e.getMessage().contains("'lstm'") && e.getMessage().contains("batch size 4")
                && e.getMessage().contains("batch of 5"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void returnStateGivesTheOutputAndEveryFinalStateInAModel(Kind kind) {
        SymbolicTensor in = Input.shape(5, 2);
        List<SymbolicTensor> out = kind.make().get().returnSequences(true).returnState(true).applyAll(in);
        int states = kind.make().get().cell().states();
        assertEquals(1 + states, out.size());
        assertArrayEquals(new int[] {5, 3}, out.get(0).shape());
        for (SymbolicTensor s : out.subList(1, out.size())) {
            assertArrayEquals(new int[] {3}, s.shape());
        }
        Model model = new Model(List.of(in), out).seed(SEED);
        List<Tensor> y = model.predict(List.of(sequences(1, 4, 5, 2)));
        // The last output of a sequence without padding is the final h.
        assertArrayEquals(Narrow.apply(y.get(0), 1, 4, 1).toArray(), y.get(1).toArray(), 0.0);
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                () -> kind.make().get().returnState(true).apply(Input.shape(5, 2)));
        assertTrue(single.getMessage().contains("applyAll"), single.getMessage());
    }

    @Test
    void anEncodersStatesStartADecoderAndGradientsReachTheEncoder(@TempDir Path dir) {
        SymbolicTensor source = Input.shape(6, 3);
        SymbolicTensor target = Input.shape(4, 2);
        List<SymbolicTensor> encoded = new LSTM(5).returnState(true).name("encoder").applyAll(source);
        SymbolicTensor decoded = new LSTM(5).returnSequences(true).name("decoder")
                .apply(target, encoded.get(1), encoded.get(2));
        SymbolicTensor out = new Dense(2).apply(decoded);
        Model model = new Model(List.of(source, target), List.of(out)).seed(SEED);
        model.compile("adam", "mse");
        List<Tensor> xs = List.of(sequences(1, 8, 6, 3), sequences(2, 8, 4, 2));
        List<Tensor> ys = List.of(sequences(3, 8, 4, 2));
        model.predict(xs);
        List<Tensor> encoderBefore = model.getLayer("encoder").getWeights();
        model.fit(xs, ys, FitOptions.create().epochs(1).batchSize(8).verbose(0));
        assertFalse(Arrays.equals(encoderBefore.get(1).toArray(), model.getLayer("encoder").getWeights().get(1).toArray()),
                "the encoder's recurrent kernel must train through the decoder's initial states");
        Path file = dir.resolve("seq2seq.lepton");
        model.save(file);
        assertArrayEquals(model.predict(xs).get(0).toArray(), Model.load(file).predict(xs).get(0).toArray(), 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void goingBackwardsIsRunningOnTheReversedSequence(Kind kind) {
        Tensor x = sequences(1, 2, 5, 3);
        RecurrentLayer<?> forward = built(kind.make().get().returnSequences(true), 5, 3);
        RecurrentLayer<?> backward = built(kind.make().get().returnSequences(true).goBackwards(true), 5, 3);
        backward.setWeights(forward.getWeights());
        assertArrayEquals(forward.call(Flip.apply(x, 1), false).toArray(), backward.call(x, false).toArray(), 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void sequencesCarryTheMaskOnAndAMaskedStepKeepsThePreviousOutput(Kind kind) {
        RecurrentLayer<?> layer = built(kind.make().get().returnSequences(true), 4, 2);
        Tensor x = sequences(1, 2, 4, 2);
        Tensor mask = Tensor.of(new double[] {1, 1, 0, 0, 1, 0, 1, 1}, 2, 4);
        Storage.attachMask(x, mask);
        Tensor y = layer.call(x, false);
        assertTrue(Storage.mask(y) == mask);
        double[] v = y.toArray();
        assertArrayEquals(Arrays.copyOfRange(v, 3, 6), Arrays.copyOfRange(v, 6, 9), 0.0);
        assertArrayEquals(Arrays.copyOfRange(v, 3, 6), Arrays.copyOfRange(v, 9, 12), 0.0);
        assertArrayEquals(Arrays.copyOfRange(v, 12, 15), Arrays.copyOfRange(v, 15, 18), 0.0);
        assertNull(layer.computeMask(List.of(sequences(1, 2, 4, 2))));
        RecurrentLayer<?> last = built(kind.make().get(), 4, 2);
        assertNull(last.computeMask(List.of(x)), "the last output carries no mask");
        Storage.attachMask(x, Tensor.ones(2, 3));
        ShapeException e = assertThrows(ShapeException.class, () -> layer.call(x, false));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(2, 4, 2)"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void dropoutActsOnlyInTrainingWithSeededMasksThatGradientsFollow(Kind kind) {
        RecurrentLayer<?> plain = built(kind.make().get(), 4, 3);
        RecurrentLayer<?> dropped = built(kind.make().get().dropout(0.4).recurrentDropout(0.3), 4, 3);
        RecurrentLayer<?> twin = built(kind.make().get().dropout(0.4).recurrentDropout(0.3), 4, 3);
        dropped.setWeights(plain.getWeights());
        Tensor x = sequences(1, 5, 4, 3);
        assertArrayEquals(plain.call(x, false).toArray(), dropped.call(x, false).toArray(), 0.0);
        double[] first = dropped.call(x, true).toArray();
        assertFalse(Arrays.equals(plain.call(x, true).toArray(), first));
        assertArrayEquals(first, twin.call(x, true).toArray(), 0.0, "the same seed draws the same masks");
        assertFalse(Arrays.equals(first, dropped.call(x, true).toArray()), "each training call draws new masks");
        Variable count = dropped.variablesByPath().get("masks_drawn");
        assertEquals(Variable.Kind.STATE, count.kind());
        List<Tensor> checked = new ArrayList<>(dropped.trainableWeights());
        checked.add(0, sequences(2, 5, 4, 3).requiresGrad(true));
        Tensor mix = Tensor.randn(3, 5, 3);
        GradCheck.Result r = GradCheck.check(t -> {
            count.assign(new int[] {1}, new double[] {0});
            return dropped.call(t[0], true).mul(mix).sum();
        }, checked.toArray(new Tensor[0]));
        assertTrue(r.passed(GRAD_TOLERANCE), r.toString());
    }

    @Test
    void anActivityRegularizerAddsItsPenaltyPerExample() {
        LSTM lstm = built(new LSTM(3).activityRegularizer(y -> y.pow(2).sum()), 4, 2);
        Tensor x = sequences(1, 5, 4, 2);
        try (LossScope scope = LossScope.open()) {
            Tensor y = lstm.call(x, true);
            assertEquals(1, scope.losses().size());
            assertEquals(y.pow(2).sum().item() / 5, scope.losses().get(0).item(), 1e-15);
        }
    }

    @Test
    void theConfigHasKerassKeysAndDefaults() {
        Layer lstm = new LSTM(8);
        List<String> keys = new ArrayList<>(lstm.getConfig().keys());
        keys.removeAll(List.of("name", "trainable"));
        assertEquals(List.of("return_sequences", "return_state", "go_backwards", "stateful", "unroll", "zero_output_for_mask",
                "units", "activation", "recurrent_activation", "use_bias", "kernel_initializer", "recurrent_initializer",
                "bias_initializer", "unit_forget_bias", "kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
                "activity_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout",
                "recurrent_dropout", "seed"), keys);
        assertEquals("orthogonal", lstm.getConfig().getString("recurrent_initializer"));
        assertTrue(new GRU(2).getConfig().getBoolean("reset_after"));
        assertFalse(new SimpleRNN(2).getConfig().has("recurrent_activation"));
        Layer again = Layers.fromConfig("LSTM", new LSTM(4).returnSequences(true).recurrentActivation("hard_sigmoid")
                .getConfig().put("implementation", 2));
        assertEquals("hard_sigmoid", again.getConfig().getString("recurrent_activation"));
    }

    @Test
    void registeredPenaltiesTravelInTheConfigAndAnUnregisteredOneIsNamed() {
        LSTM lstm = new LSTM(4).kernelRegularizer(new L2(0.5)).recurrentConstraint(new MaxNorm(2.0));
        Config again = Layers.fromConfig("LSTM", lstm.getConfig()).getConfig();
        assertEquals(Config.of("kernel_regularizer").put("class_name", "L2").put("config", new L2(0.5).getConfig()),
                again.getConfig("kernel_regularizer"));
        assertEquals("MaxNorm", again.getConfig("recurrent_constraint").getString("class_name"));
        assertNull(again.get("bias_regularizer"));
        Layer custom = new LSTM(4).kernelRegularizer(w -> w.pow(2).sum());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, custom::getConfig);
        assertTrue(e.getMessage().contains("not registered"), e.getMessage());
    }

    @Test
    void badSettingsAndInputsNameTheLayerAndWhatWasReceived() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LSTM(0)).getMessage().contains("units=0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GRU(4).dropout(1.0)).getMessage()
                .contains("dropout=1.0"));
        IllegalArgumentException gelu = assertThrows(IllegalArgumentException.class, () -> new SimpleRNN(4).activation("gelu"));
        assertTrue(gelu.getMessage().contains("activation=gelu") && gelu.getMessage().contains("tanh"), gelu.getMessage());
        ShapeException rank = assertThrows(ShapeException.class, () -> new LSTM(4).apply(Input.shape(10)));
        assertTrue(rank.getMessage().contains("'lstm'") && rank.getMessage().contains("(None, 10)"), rank.getMessage());
        LSTM lstm = built(new LSTM(2), 3, 2);
        ShapeException call = assertThrows(ShapeException.class, () -> lstm.call(Tensor.zeros(4, 3), false));
        assertTrue(call.getMessage().contains("(4, 3)"), call.getMessage());
        IllegalArgumentException states = assertThrows(IllegalArgumentException.class,
                () -> new LSTM(2).apply(Input.shape(3, 2), Input.shape(2)));
        assertTrue(states.getMessage().contains("2 initial states"), states.getMessage());
        ShapeException stateShape = assertThrows(ShapeException.class,
                () -> new GRU(2).apply(Input.shape(3, 2), Input.shape(5)));
        assertTrue(stateShape.getMessage().contains("(None, 2)") && stateShape.getMessage().contains("(None, 5)"),
                stateShape.getMessage());
    }
}
