package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recurrent layers' golden values, {@code src/test/resources/golden/layers/recurrent.json},
 * written by {@code make_recurrent.py} (Keras's semantics over PyTorch float64 cells), and their
 * replay: a layer with the case's settings and weights must give the case's output, final states
 * and gradients.
 */
final class RecurrentGolden {
    /**
     * Absolute tolerance: the same float64 formulas, summed in other orders and with Lepton's own
     * exponential, agree to about 1e-15 on these values of order 1.
     */
    static final double TOLERANCE = 1e-12;
    private static final JsonObject ALL = load();

    private RecurrentGolden() {
    }

    private static JsonObject load() {
        String resource = "/golden/layers/recurrent.json";
        try (InputStream in = RecurrentGolden.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A case, named for the parameterized test. */
    record Case(String name, JsonObject json) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * @param cell {@code simple_rnn}, {@code lstm}, {@code gru} or {@code gru_reset_before}
     * @return the single-layer cases of that cell
     */
    static Stream<Case> layerCases(String cell) {
        List<Case> cases = new ArrayList<>();
        for (JsonElement e : ALL.getAsJsonArray("layers")) {
            JsonObject c = e.getAsJsonObject();
            if (c.get("cell").getAsString().equals(cell)) {
                cases.add(new Case(c.get("name").getAsString(), c));
            }
        }
        return cases.stream();
    }

    /** @return the Bidirectional cases */
    static Stream<Case> bidirectionalCases() {
        List<Case> cases = new ArrayList<>();
        for (JsonElement e : ALL.getAsJsonArray("bidirectional")) {
            cases.add(new Case(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject()));
        }
        return cases.stream();
    }

    /** @return the model case: Embedding(mask_zero) -> Bidirectional(LSTM) -> GRU -> Dense */
    static JsonObject modelCase() {
        return ALL.getAsJsonObject("model");
    }

    static double[] doubles(JsonElement array) {
        JsonArray a = array.getAsJsonArray();
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }

    static int[] ints(JsonElement array) {
        JsonArray a = array.getAsJsonArray();
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsInt();
        }
        return v;
    }

    static List<double[]> list(JsonElement arrays) {
        List<double[]> out = new ArrayList<>();
        for (JsonElement e : arrays.getAsJsonArray()) {
            out.add(doubles(e));
        }
        return out;
    }

    /** A new layer of the case's cell and units, not yet given the case's other settings. */
    static RecurrentLayer<?> layer(String cell, int units) {
        return switch (cell) {
            case "simple_rnn" -> new SimpleRNN(units);
            case "lstm" -> new LSTM(units);
            case "gru" -> new GRU(units);
            case "gru_reset_before" -> new GRU(units).resetAfter(false);
            default -> throw new IllegalArgumentException(cell);
        };
    }

    /** The case's input, with its mask attached, as a leaf that gradients reach. */
    static Tensor input(JsonObject c) {
        int[] shape = ints(c.get("x_shape"));
        Tensor x = Tensor.of(doubles(c.get("x")), shape).requiresGrad(true);
        if (!c.get("mask").isJsonNull()) {
            double[] mask = new double[shape[0] * shape[1]];
            int i = 0;
            for (JsonElement row : c.getAsJsonArray("mask")) {
                for (JsonElement m : row.getAsJsonArray()) {
                    mask[i++] = m.getAsDouble();
                }
            }
            Storage.attachMask(x, Tensor.of(mask, shape[0], shape[1]));
        }
        return x;
    }

    /** Builds a layer with a case's weights. */
    static void setWeights(Layer layer, JsonObject c, int[] inputShape) {
        layer.build(inputShape, 1L);
        List<Tensor> weights = new ArrayList<>();
        List<double[]> values = list(c.get("weights"));
        List<Tensor> current = layer.getWeights();
        assertEquals(current.size(), values.size(), "weight count");
        for (int i = 0; i < values.size(); i++) {
            weights.add(Tensor.of(values.get(i), current.get(i).shape()));
        }
        layer.setWeights(weights);
    }

    /** Replays a single-layer case: output, final states and every gradient. */
    static void replay(JsonObject c) {
        int units = c.get("units").getAsInt();
        RecurrentLayer<?> layer = layer(c.get("cell").getAsString(), units)
                .returnSequences(c.get("return_sequences").getAsBoolean())
                .returnState(true)
                .goBackwards(c.get("go_backwards").getAsBoolean())
                .useBias(c.get("use_bias").getAsBoolean());
        Tensor x = input(c);
        int[] shape = x.shape();
        setWeights(layer, c, new int[] {shape[1], shape[2]});
        List<Tensor> inputs = new ArrayList<>(List.of(x));
        List<Tensor> initial = new ArrayList<>();
        if (!c.get("initial_states").isJsonNull()) {
            for (double[] s : list(c.get("initial_states"))) {
                initial.add(Tensor.of(s, shape[0], units).requiresGrad(true));
            }
            inputs.addAll(initial);
        }
        List<Tensor> out = layer.call(inputs, true);
        assertArrayEquals(doubles(c.get("output")), out.get(0).toArray(), TOLERANCE, "output");
        List<double[]> states = list(c.get("states"));
        List<double[]> stateWeights = list(c.get("state_weights"));
        Tensor loss = out.get(0).mul(Tensor.of(doubles(c.get("output_weights")), out.get(0).shape())).sum();
        for (int k = 0; k < states.size(); k++) {
            assertArrayEquals(states.get(k), out.get(1 + k).toArray(), TOLERANCE, "state " + k);
            loss = loss.add(out.get(1 + k).mul(Tensor.of(stateWeights.get(k), shape[0], units)).sum());
        }
        loss.backward();
        assertArrayEquals(doubles(c.get("grad_x")), x.grad().toArray(), TOLERANCE, "d/dx");
        assertGradients(layer, list(c.get("grad_weights")));
        for (int k = 0; k < initial.size(); k++) {
            assertArrayEquals(list(c.get("grad_initial_states")).get(k), initial.get(k).grad().toArray(), TOLERANCE,
                    "d/d initial state " + k);
        }
    }

    /** The gradients of a layer's trainable weights, in weight order. */
    static void assertGradients(Layer layer, List<double[]> expected) {
        List<Tensor> weights = layer.trainableWeights();
        assertEquals(expected.size(), weights.size());
        for (int i = 0; i < weights.size(); i++) {
            assertArrayEquals(expected.get(i), weights.get(i).grad().toArray(), TOLERANCE, layer.weightNames().get(i));
        }
    }
}
