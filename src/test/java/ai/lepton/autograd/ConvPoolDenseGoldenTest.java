package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.optimizers.Adam;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conv2D (fused ReLU) → MaxPooling2D → Flatten → Dense, trained with Adam through Lepton's ops,
 * against golden values from an independent implementation: PyTorch float64 with Keras's formulas
 * (TensorFlow's "same" padding, glorot-uniform weights, Keras's Adam with epsilon outside the
 * square root), made by {@code src/test/resources/golden/conv_pool_dense.py}, which documents them.
 * The script's weights are loaded into Lepton; the loss before each step, the first step's
 * gradients and the weights after the last must match. One case per convolution algorithm the
 * geometry chooses (Winograd, im2col, direct).
 */
class ConvPoolDenseGoldenTest {
    private static final String GOLDEN = "/golden/conv_pool_dense.json";
    /**
     * Relative to the loss, and to each gradient's largest element: PyTorch and Lepton add in other
     * orders (and Winograd's transforms round differently again), which moves these values by a few
     * 1e-15.
     */
    private static final double VALUE_TOLERANCE = 1e-13;
    /**
     * Relative to each weight's largest element: Adam divides each gradient by its own root mean
     * square, so a gradient element near zero carries its rounding into the step ten times larger.
     */
    private static final double WEIGHT_TOLERANCE = 1e-12;

    static Stream<Arguments> cases() throws IOException {
        JsonObject golden = read();
        JsonObject optimizer = golden.getAsJsonObject("optimizer");
        assertEquals(1e-7, optimizer.get("epsilon").getAsDouble(), 0.0, "the fixture uses Keras's epsilon");
        List<Arguments> cases = new ArrayList<>();
        for (JsonElement c : golden.getAsJsonArray("cases")) {
            JsonObject one = c.getAsJsonObject();
            cases.add(Arguments.of(one.get("name").getAsString(), one, optimizer.get("learning_rate").getAsDouble(),
                    golden.get("steps").getAsInt()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainingMatchesPyTorchWithKerasFormulas(String name, JsonObject golden, double learningRate, int steps) {
        Tensor x = tensor(golden.getAsJsonObject("x"));
        Tensor y = tensor(golden.getAsJsonObject("y"));
        List<Tensor> weights = new ArrayList<>();
        for (JsonElement w : golden.getAsJsonArray("initial_weights")) {
            weights.add(tensor(w.getAsJsonObject()).requiresGrad(true));
        }
        JsonArray losses = golden.getAsJsonArray("losses");
        assertEquals(steps, losses.size());
        Adam adam = new Adam(learningRate);
        for (int step = 0; step < steps; step++) {
            Tensor loss = loss(golden, x, y, weights);
            assertClose(losses.get(step).getAsDouble(), loss.item(), name + ": loss before step " + (step + 1));
            loss.backward();
            List<Tensor> gradients = new ArrayList<>();
            for (Tensor w : weights) {
                assertNotNull(w.grad());
                gradients.add(w.grad());
            }
            if (step == 0) {
                JsonArray expected = golden.getAsJsonArray("first_gradients");
                for (int i = 0; i < weights.size(); i++) {
                    assertElementsClose(tensor(expected.get(i).getAsJsonObject()), gradients.get(i),
                            VALUE_TOLERANCE, name + ": first gradient of weight " + i);
                }
            }
            adam.apply(weights, gradients);
            weights.forEach(Tensor::zeroGrad);
        }
        JsonArray expected = golden.getAsJsonArray("final_weights");
        for (int i = 0; i < weights.size(); i++) {
            assertElementsClose(tensor(expected.get(i).getAsJsonObject()), weights.get(i), WEIGHT_TOLERANCE,
                    name + ": weight " + i + " after " + steps + " steps");
        }
        assertClose(golden.get("final_loss").getAsDouble(), loss(golden, x, y, weights).item(), name + ": final loss");
    }

    /** The batch mean of −Σ y · log softmax(logits), Keras's categorical cross-entropy. */
    private static Tensor loss(JsonObject golden, Tensor x, Tensor y, List<Tensor> weights) {
        JsonObject conv = golden.getAsJsonObject("conv");
        JsonObject pool = golden.getAsJsonObject("pool");
        Tensor h = Conv2DOp.apply(x, weights.get(0), weights.get(1), conv.get("strides").getAsInt(),
                conv.get("padding").getAsString(), true);
        h = MaxPool2D.apply(h, pool.get("pool_size").getAsInt(), pool.get("strides").getAsInt(),
                pool.get("padding").getAsString());
        int batch = x.shape()[0];
        Tensor logits = DenseOp.apply(h.reshape(batch, -1), weights.get(2), weights.get(3), false);
        return y.mul(logits.logSoftmax(1)).sum().neg().div(batch);
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, VALUE_TOLERANCE * Math.abs(expected), what);
    }

    /** Every element within {@code tolerance} times the expected tensor's largest magnitude. */
    private static void assertElementsClose(Tensor expected, Tensor actual, double tolerance, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toArray();
        double[] a = actual.toArray();
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, what + ": the golden values are all zero, so the comparison would prove nothing");
        assertArrayEquals(e, a, tolerance * scale, what);
    }

    private static Tensor tensor(JsonObject json) {
        JsonArray shape = json.getAsJsonArray("shape");
        JsonArray data = json.getAsJsonArray("data");
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).getAsInt();
        }
        double[] values = new double[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i).getAsDouble();
        }
        return Tensor.of(values, dims);
    }

    private static JsonObject read() throws IOException {
        try (InputStream in = ConvPoolDenseGoldenTest.class.getResourceAsStream(GOLDEN)) {
            assertNotNull(in, GOLDEN + " is not on the test classpath");
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }
}
