package ai.lepton.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The golden values of {@code src/test/resources/golden/metrics/}, written by
 * {@code make_golden.py} (Keras 3's metrics in NumPy float64, cross-checked against textbook
 * definitions), and their replay: a metric built from a case's Keras config through the registry
 * sees the case's batches, and its values must match.
 */
final class Golden {
    /**
     * Relative tolerance against the fixtures: counts are exact, and the results are the same
     * formulas in double precision, summed in another order where NumPy reduces an array at once.
     */
    static final double RELATIVE = 1e-12;

    /** One batch of labels and predictions. */
    record Batch(Tensor yTrue, Tensor yPred) {
    }

    /** One case: a metric's settings, its batches and what it reports after all of them. */
    record MetricCase(String name, String className, Config config, List<Batch> batches, double[] results, double result) {
        @Override
        public String toString() {
            return className + " " + name;
        }
    }

    private Golden() {
    }

    /**
     * @param className the metric's class, e.g. {@code "AUC"}
     * @return its cases, from {@code golden/metrics/<className>.json}
     */
    static List<MetricCase> cases(String className) {
        List<MetricCase> cases = new ArrayList<>();
        for (JsonElement e : read(className + ".json").getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            List<Batch> batches = new ArrayList<>();
            for (JsonElement b : c.getAsJsonArray("batches")) {
                JsonObject o = b.getAsJsonObject();
                batches.add(new Batch(Tensor.of(doubles(o.getAsJsonArray("y_true")), ints(o.getAsJsonArray("y_true_shape"))),
                        Tensor.of(doubles(o.getAsJsonArray("y_pred")), ints(o.getAsJsonArray("y_pred_shape")))));
            }
            cases.add(new MetricCase(c.get("name").getAsString(), c.get("class_name").getAsString(),
                    config(className, c.getAsJsonObject("config")), batches, doubles(c.getAsJsonArray("results")),
                    c.get("result").getAsDouble()));
        }
        return cases;
    }

    /**
     * A case's metric, built through the registry from the case's Keras config.
     *
     * @param c the case
     * @return a new metric
     */
    static Metric metric(MetricCase c) {
        return Metrics.fromConfig(c.className(), c.config().copy());
    }

    /**
     * Feeds batches to a metric.
     *
     * @param metric the metric (modified)
     * @param batches the batches
     * @return the metric
     */
    static Metric feed(Metric metric, List<Batch> batches) {
        batches.forEach(b -> metric.update(b.yTrue(), b.yPred()));
        return metric;
    }

    /**
     * Replays a case and compares {@link Metric#results()} and {@link Metric#result()}.
     *
     * @param c the case
     * @return the metric after all batches
     */
    static Metric replay(MetricCase c) {
        Metric metric = feed(metric(c), c.batches());
        assertClose(c.results(), metric.results(), c + ": results");
        assertClose(new double[] {c.result()}, new double[] {metric.result()}, c + ": result");
        return metric;
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
            assertTrue(e == a || Math.abs(a - e) <= RELATIVE * Math.abs(e),
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
        String resource = "/golden/metrics/" + file;
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
