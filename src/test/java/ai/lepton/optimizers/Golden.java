package ai.lepton.optimizers;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The golden values of {@code src/test/resources/golden/optimizers/}, written by
 * {@code make_golden.py} (Keras 3's formulas in PyTorch float64), and their replay: an optimizer
 * built from a case's Keras config takes the case's gradients step by step, and its weights after
 * every step and its slots at the end must match.
 */
public final class Golden {
    /**
     * Relative tolerance against the fixtures. The formulas are the same operation for operation,
     * and nearly every value agrees bit for bit; a few differ by an ulp or three where a norm is
     * summed in another order, or where RMSprop keeps Lepton's first rounding of
     * {@code (1 - rho) * g * g} (so that trained weights did not change) against Keras's
     * {@code (1 - rho) * g^2}.
     */
    public static final double RELATIVE = 1e-14;

    /** One case of optimizer steps. */
    public record OptimizerCase(String name, String className, Config config, List<int[]> shapes, List<double[]> weights,
            List<List<double[]>> gradients, List<List<double[]>> expected, Map<String, List<double[]>> slots,
            long iterations) {
        @Override
        public String toString() {
            return className + " " + name;
        }
    }

    /** One case of schedule values. */
    public record ScheduleCase(String name, Config config, long[] steps, double[] values) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Golden() {
    }

    /**
     * @param file the fixture's name under {@code golden/optimizers/}, e.g. {@code "Adam.json"}
     * @return its optimizer cases
     */
    public static List<OptimizerCase> optimizerCases(String file) {
        List<OptimizerCase> cases = new ArrayList<>();
        for (JsonElement e : read(file).getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            List<int[]> shapes = new ArrayList<>();
            c.getAsJsonArray("shapes").forEach(s -> shapes.add(ints(s.getAsJsonArray())));
            Map<String, List<double[]>> slots = new LinkedHashMap<>();
            c.getAsJsonObject("slots").entrySet().forEach(s -> slots.put(s.getKey(), arrays(s.getValue().getAsJsonArray())));
            List<List<double[]>> gradients = new ArrayList<>();
            c.getAsJsonArray("gradients").forEach(g -> gradients.add(arrays(g.getAsJsonArray())));
            List<List<double[]>> expected = new ArrayList<>();
            c.getAsJsonArray("expected").forEach(g -> expected.add(arrays(g.getAsJsonArray())));
            cases.add(new OptimizerCase(c.get("name").getAsString(), c.get("class_name").getAsString(),
                    config(c.get("class_name").getAsString(), c.getAsJsonObject("config")), shapes,
                    arrays(c.getAsJsonArray("weights")), gradients, expected, slots, c.get("iterations").getAsLong()));
        }
        return cases;
    }

    /**
     * @param className the schedule's class, e.g. {@code "CosineDecay"}
     * @return its cases, from {@code golden/optimizers/schedules/<className>.json}
     */
    public static List<ScheduleCase> scheduleCases(String className) {
        List<ScheduleCase> cases = new ArrayList<>();
        for (JsonElement e : read("schedules/" + className + ".json").getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            JsonArray steps = c.getAsJsonArray("steps");
            long[] s = new long[steps.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = steps.get(i).getAsLong();
            }
            cases.add(new ScheduleCase(c.get("name").getAsString(), config(className, c.getAsJsonObject("config")), s,
                    doubles(c.getAsJsonArray("values"))));
        }
        return cases;
    }

    /**
     * Replays a case: the optimizer takes its gradients step by step through
     * {@link Optimizer#apply(List, List)}.
     *
     * @param c the case
     * @param fromConfig the optimizer's factory, given the case's config
     * @return the optimizer after the last step
     */
    public static Optimizer replay(OptimizerCase c, Function<Config, ? extends Optimizer> fromConfig) {
        Optimizer optimizer = fromConfig.apply(c.config().copy());
        List<Tensor> weights = new ArrayList<>();
        for (int i = 0; i < c.shapes().size(); i++) {
            weights.add(Tensor.of(c.weights().get(i), c.shapes().get(i)));
        }
        for (int step = 0; step < c.gradients().size(); step++) {
            List<Tensor> gradients = new ArrayList<>();
            for (int i = 0; i < c.shapes().size(); i++) {
                gradients.add(Tensor.of(c.gradients().get(step).get(i), c.shapes().get(i)));
            }
            optimizer.apply(weights, gradients);
            for (int i = 0; i < weights.size(); i++) {
                assertClose(c.expected().get(step).get(i), weights.get(i).toArray(), c + ": weight " + i + " after step " + (step + 1));
            }
        }
        assertEquals(c.iterations(), optimizer.iterations(), c + ": iterations");
        assertEquals(List.copyOf(c.slots().keySet()), optimizer.slotNames(), c + ": slot names");
        List<Tensor> variables = optimizer.variables();
        int at = 0;
        for (int i = 0; i < weights.size(); i++) {
            for (String slot : optimizer.slotNames()) {
                assertClose(c.slots().get(slot).get(i), variables.get(at++).toArray(), c + ": slot " + slot + " of weight " + i);
            }
        }
        return optimizer;
    }

    /**
     * Asserts that each value is within {@link #RELATIVE} of the expected one, relative to its size.
     *
     * @param expected the golden values
     * @param actual Lepton's
     * @param what the values, for the message
     */
    public static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            assertTrue(e == a || Math.abs(a - e) <= RELATIVE * Math.abs(e),
                    what + "[" + i + "]: expected " + e + ", got " + a + " (relative error " + Math.abs(a - e) / Math.abs(e) + ")");
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

    private static JsonObject read(String file) {
        String resource = "/golden/optimizers/" + file;
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource + "; run make_golden.py beside it");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<double[]> arrays(JsonArray json) {
        List<double[]> out = new ArrayList<>();
        json.forEach(a -> out.add(doubles(a.getAsJsonArray())));
        return out;
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
