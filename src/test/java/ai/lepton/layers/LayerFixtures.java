package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.function.UnaryOperator;

/**
 * The golden values of {@code src/test/resources/golden/layers/}, written by
 * {@code make_reshaping.py} (PyTorch float64 and NumPy references with Keras's semantics), and
 * the checks that replay them: a case's output and the input gradient of {@code sum(y * w)}.
 */
public final class LayerFixtures {
    /**
     * Absolute tolerance against the fixtures: both sides compute in double precision with the
     * same formulas, so only the order of a few additions differs.
     */
    public static final double TOLERANCE = 1e-12;

    private LayerFixtures() {
    }

    /**
     * @param file a fixture file name, e.g. {@code "resize.json"}
     * @return its content
     */
    public static JsonObject load(String file) {
        String path = "/golden/layers/" + file;
        try (InputStream in = LayerFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param file a fixture file name
     * @param key the list of cases in it
     * @return the cases
     */
    public static List<JsonObject> cases(String file, String key) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : load(file).getAsJsonArray(key)) {
            out.add(e.getAsJsonObject());
        }
        return out;
    }

    /** @return the numbers of a list */
    public static double[] doubles(JsonObject c, String key) {
        JsonArray a = c.getAsJsonArray(key);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }

    /** @return the whole numbers of a list */
    public static int[] ints(JsonObject c, String key) {
        JsonArray a = c.getAsJsonArray(key);
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

    /** @return the case's input {@code x}, shaped by {@code x_shape}, requiring a gradient */
    public static Tensor input(JsonObject c) {
        return Tensor.of(doubles(c, "x"), ints(c, "x_shape")).requiresGrad(true);
    }

    /**
     * Checks {@code f}'s output on the case's input against {@code y} and its input gradient of
     * {@code sum(f(x) * w)} against {@code dx}.
     *
     * @param label for messages
     * @param c the case
     * @param f the computation under test
     */
    public static void assertMatches(String label, JsonObject c, UnaryOperator<Tensor> f) {
        Tensor x = input(c);
        Tensor y = f.apply(x);
        if (c.has("y_shape")) {
            assertArrayEquals(ints(c, "y_shape"), y.shape(), label + ": shape");
        }
        assertClose(label + ": output", doubles(c, "y"), y.toArray());
        y.mul(Tensor.of(doubles(c, "w"), y.shape())).sum().backward();
        assertClose(label + ": input gradient", doubles(c, "dx"), x.grad().toArray());
    }

    /**
     * @param label for messages
     * @param expected the fixture's values
     * @param actual Lepton's
     */
    public static void assertClose(String label, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, label + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE, label + " at " + i);
        }
    }
}
