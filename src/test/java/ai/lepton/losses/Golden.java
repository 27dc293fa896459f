package ai.lepton.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.autograd.GradCheck;
import ai.lepton.config.Config;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonArray;
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
import java.util.List;

/**
 * The golden values of {@code src/test/resources/golden/losses/}, written by {@code make_golden.py}
 * (Keras 3's losses in PyTorch float64, gradients by torch.autograd), and their replay: a loss
 * built from a case's Keras config through the registry must give the case's per-example losses,
 * reduced value, sum and gradient, and its gradient must match finite differences.
 */
final class Golden {
    /**
     * Relative tolerance against the fixtures: the same formulas in double precision, with a few
     * operations in another order (a mean over all elements against Keras's mean of per-example
     * means, {@code pow(-0.5)} against {@code rsqrt}).
     */
    static final double RELATIVE = 1e-12;
    /** Absolute floor for values that should be 0 but come out of a subtraction. */
    static final double ABSOLUTE = 1e-15;
    /** Finite differences against the analytic gradient, relative where it is large ({@link GradCheck}). */
    static final double GRAD_CHECK = 1e-6;

    /** One case: a loss's settings, labels and predictions, and what the loss gives. */
    record LossCase(String name, String className, Config config, Tensor yTrue, double[] values, int[] valuesShape,
            String input, double[] perExample, int[] perExampleShape, double[] value, int[] valueShape, double sum,
            double[] gradient, boolean smooth) {
        @Override
        public String toString() {
            return className + " " + name;
        }

        /** @return the predictions from the leaf: the values, or their softmax or sigmoid (which remember them as logits) */
        Tensor predictions(Tensor leaf) {
            switch (input) {
                case "softmax":
                    return leaf.softmax(-1);
                case "sigmoid":
                    return leaf.sigmoid();
                default:
                    return leaf;
            }
        }

        /** @return a new loss from the case's config, through the registry */
        Loss loss() {
            return Losses.fromConfig(className, config.copy());
        }
    }

    private Golden() {
    }

    /**
     * @param className the loss's class, e.g. {@code "Huber"}
     * @return its cases, from {@code golden/losses/<className>.json}
     */
    static List<LossCase> cases(String className) {
        List<LossCase> cases = new ArrayList<>();
        for (JsonElement e : read(className + ".json").getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            cases.add(new LossCase(c.get("name").getAsString(), c.get("class_name").getAsString(),
                    config(className, c.getAsJsonObject("config")),
                    Tensor.of(doubles(c.getAsJsonArray("y_true")), ints(c.getAsJsonArray("y_true_shape"))),
                    doubles(c.getAsJsonArray("values")), ints(c.getAsJsonArray("values_shape")), c.get("input").getAsString(),
                    doubles(c.getAsJsonArray("per_example")), ints(c.getAsJsonArray("per_example_shape")),
                    doubles(c.getAsJsonArray("value")), ints(c.getAsJsonArray("value_shape")), c.get("sum").getAsDouble(),
                    doubles(c.getAsJsonArray("gradient")), c.get("smooth").getAsBoolean()));
        }
        return cases;
    }

    /**
     * Replays a case: per-example losses, the reduced value and its gradient, the sum, the config
     * round trip, and (where the loss is smooth) finite differences.
     *
     * @param c the case
     */
    static void replay(LossCase c) {
        Loss loss = c.loss();
        Tensor leaf = Tensor.of(c.values(), c.valuesShape()).requiresGrad(true);
        Tensor perExample = loss.call(c.yTrue(), c.predictions(leaf));
        assertArrayEquals(c.perExampleShape(), perExample.shape(), c + ": per-example shape");
        assertClose(c.perExample(), perExample.toArray(), c + ": per-example losses");

        Tensor value = loss.compute(c.yTrue(), c.predictions(leaf));
        assertArrayEquals(c.valueShape(), value.shape(), c + ": value shape");
        assertClose(c.value(), value.toArray(), c + ": value");
        value.sum().backward();
        assertClose(c.gradient(), leaf.grad().toArray(), c + ": gradient");

        Loss summed = Losses.fromConfig(c.className(), c.config().copy().put("reduction", "sum"));
        assertClose(new double[] {c.sum()}, new double[] {summed.compute(c.yTrue(), c.predictions(leaf)).item()}, c + ": sum");

        Loss rebuilt = Losses.fromConfig(Losses.nameOf(loss), loss.getConfig());
        assertEquals(loss.getConfig(), rebuilt.getConfig(), c + ": config round trip");

        if (c.smooth()) {
            Tensor point = Tensor.of(c.values(), c.valuesShape()).requiresGrad(true);
            GradCheck.Result r = GradCheck.check(in -> loss.compute(c.yTrue(), c.predictions(in[0])).sum(), point);
            assertTrue(r.passed(GRAD_CHECK), c + ": " + r);
        }
    }

    /**
     * Asserts that each value is within {@link #RELATIVE} of the expected one, relative to its size.
     *
     * @param expected the golden values
     * @param actual Lepton's
     * @param what the values, for the message
     */
    static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            assertTrue(e == a || Math.abs(a - e) <= Math.max(RELATIVE * Math.abs(e), ABSOLUTE),
                    what + "[" + i + "]: expected " + e + ", got " + a);
        }
    }

    /** A JSON object as a Config: whole numbers written without a point become longs, as Keras's ints. */
    static Config config(String owner, JsonObject json) {
        Config config = Config.of(owner);
        json.entrySet().forEach(e -> config.put(e.getKey(), value(e.getValue())));
        return config;
    }

    private static Object value(JsonElement e) {
        if (e.isJsonNull()) {
            return null;
        }
        if (e.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> list.add(value(x)));
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

    private static JsonObject read(String file) {
        String resource = "/golden/losses/" + file;
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource + "; run make_golden.py beside it");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[] doubles(JsonArray json) {
        double[] out = new double[json.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = json.get(i).getAsDouble();
        }
        return out;
    }

    private static int[] ints(JsonArray json) {
        int[] out = new int[json.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = json.get(i).getAsInt();
        }
        return out;
    }
}
