package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.config.Config;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The golden values of {@code src/test/resources/golden/layers/}, written by the {@code make_*.py}
 * scripts beside them (Keras 3's formulas in PyTorch float64): cases of a layer built from its
 * Keras config, with its weights, an input, the output, and the gradients of {@code sum(y * mix)}.
 */
final class LayerGolden {
    /** One case. */
    record Case(String layer, String name, Config config, boolean training, Map<String, Tensor> weights, Tensor x, Tensor mask,
            Tensor mix, Tensor y, Tensor dx, Map<String, Tensor> grads, Map<String, Tensor> after) {
        @Override
        public String toString() {
            return layer + ": " + name;
        }
    }

    private LayerGolden() {
    }

    /**
     * @param file the fixture's name under {@code golden/layers/}
     * @param layer the layer class whose cases to keep, or {@code null} for all
     * @return the cases
     */
    static List<Case> cases(String file, String layer) {
        List<Case> out = new ArrayList<>();
        for (JsonElement e : read(file).getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String className = c.get("layer").getAsString();
            if (layer != null && !layer.equals(className)) {
                continue;
            }
            out.add(new Case(className, c.get("name").getAsString(), config(className, c.getAsJsonObject("config")),
                    c.get("training").getAsBoolean(), tensors(c.getAsJsonObject("weights")), tensor(c.getAsJsonObject("x")),
                    optional(c, "mask"), tensor(c.getAsJsonObject("mix")), tensor(c.getAsJsonObject("y")), optional(c, "dx"),
                    tensors(c.getAsJsonObject("grads")), tensors(c.getAsJsonObject("after"))));
        }
        return out;
    }

    /**
     * Replays a case: the layer is rebuilt from the case's Keras config through the registry,
     * given the case's weights and input, and its output, the gradients of {@code sum(y * mix)}
     * and its variables after the call must match.
     *
     * @param c the case
     * @param tolerance the relative tolerance (see {@link #assertClose})
     * @return the layer after the call
     */
    static Layer replay(Case c, double tolerance) {
        Layer layer = Layers.fromConfig(c.layer(), c.config().copy());
        int[] shape = c.x().shape();
        layer.build(Arrays.copyOfRange(shape, 1, shape.length), 0L);
        if (!c.weights().isEmpty()) {
            assertEquals(List.copyOf(c.weights().keySet()), layer.weightNames(), c + ": weight names and order");
            layer.setWeights(new ArrayList<>(c.weights().values()));
        }
        Tensor x = Tensor.of(c.x().toArray(), shape).requiresGrad(true);
        if (c.mask() != null) {
            Storage.attachMask(x, c.mask());
        }
        Tensor y = layer.call(x, c.training());
        assertClose(c.y(), y, tolerance, c + ": output");
        y.mul(c.mix()).sum().backward();
        if (c.dx() != null) {
            assertClose(c.dx(), x.grad(), tolerance, c + ": input gradient");
        }
        Map<String, Variable> variables = layer.variablesByPath();
        c.grads().forEach((name, g) -> assertClose(g, variables.get(name).value().grad(), tolerance, c + ": gradient of " + name));
        c.after().forEach((name, v) -> assertClose(v, variables.get(name).value(), tolerance, c + ": " + name + " after the call"));
        return layer;
    }

    /**
     * Asserts that each value is within {@code tolerance} of the expected one, relative to the
     * larger of 1 and its size.
     *
     * @param expected the golden values
     * @param actual Lepton's
     * @param tolerance the relative tolerance
     * @param what the values, for the message
     */
    static void assertClose(Tensor expected, Tensor actual, double tolerance, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toArray();
        double[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(a[i] - e[i]) / Math.max(1.0, Math.abs(e[i]));
            assertTrue(err <= tolerance, what + "[" + i + "]: expected " + e[i] + ", got " + a[i] + " (error " + err + ")");
        }
    }

    /** A JSON object as a Config: whole numbers written without a point become longs, as Keras's ints. */
    static Config config(String owner, JsonObject json) {
        Config config = Config.of(owner);
        json.entrySet().forEach(e -> config.put(e.getKey(), value(e.getKey(), e.getValue())));
        return config;
    }

    private static Object value(String key, JsonElement e) {
        if (e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            return config(key, e.getAsJsonObject());
        }
        if (e.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> list.add(value(key, x)));
            return list;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isString()) {
            return p.getAsString();
        }
        String text = p.getAsString();
        return text.matches("-?\\d+") ? (Object) Long.parseLong(text) : (Object) p.getAsDouble();
    }

    private static Tensor optional(JsonObject c, String key) {
        return c.has(key) && !c.get(key).isJsonNull() ? tensor(c.getAsJsonObject(key)) : null;
    }

    private static Map<String, Tensor> tensors(JsonObject json) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        json.entrySet().forEach(e -> out.put(e.getKey(), tensor(e.getValue().getAsJsonObject())));
        return out;
    }

    static Tensor tensor(JsonObject json) {
        int[] shape = new int[json.getAsJsonArray("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = json.getAsJsonArray("shape").get(i).getAsInt();
        }
        double[] data = new double[json.getAsJsonArray("data").size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = json.getAsJsonArray("data").get(i).getAsDouble();
        }
        assertEquals(Arrays.stream(shape).reduce(1, (p, d) -> p * d), data.length, "fixture tensor size");
        return Tensor.of(data, shape);
    }

    static JsonObject read(String file) {
        String resource = "/golden/layers/" + file;
        try (InputStream in = LayerGolden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource + "; run the make_*.py script beside it");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
