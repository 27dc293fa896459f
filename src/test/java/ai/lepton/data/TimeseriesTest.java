package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TimeseriesTest {
    static Stream<JsonObject> cases() throws IOException {
        try (InputStream in = TimeseriesTest.class.getResourceAsStream("/golden/data/timeseries.json")) {
            List<JsonObject> out = new ArrayList<>();
            JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject().getAsJsonArray("cases")
                    .forEach(e -> out.add(e.getAsJsonObject()));
            return out.stream();
        }
    }

    private static void flatten(JsonElement e, List<Double> out) {
        if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> flatten(x, out));
        } else {
            out.add(e.getAsDouble());
        }
    }

    private static double[] flat(JsonElement e) {
        List<Double> out = new ArrayList<>();
        flatten(e, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Tensor series(int steps, int features) {
        double[] d = new double[steps * Math.max(1, features)];
        Arrays.setAll(d, i -> i);
        return features == 0 ? Tensor.of(d, steps) : Tensor.of(d, steps, features);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void windowsAreKerasWindows(JsonObject c) {
        int steps = c.get("steps").getAsInt();
        int features = c.get("features").getAsInt();
        TimeseriesOptions o = TimeseriesOptions.create(c.get("sequence_length").getAsInt())
                .sequenceStride(c.get("sequence_stride").getAsInt()).samplingRate(c.get("sampling_rate").getAsInt());
        if (!c.get("start_index").isJsonNull()) {
            o.startIndex(c.get("start_index").getAsInt());
        }
        if (!c.get("end_index").isJsonNull()) {
            o.endIndex(c.get("end_index").getAsInt());
        }
        Tensor targets = null;
        if (c.has("y")) {
            double[] t = new double[c.get("target_steps").getAsInt()];
            Arrays.setAll(t, i -> 10.0 * i);
            targets = Tensor.of(t, t.length);
        }
        Dataset windows = Timeseries.timeseriesDatasetFromArray(series(steps, features), targets, o);
        int count = c.get("count").getAsInt();
        assertEquals(count, windows.size());
        assertEquals(count, windows.x().shape()[0]);
        assertEquals(c.get("sequence_length").getAsInt(), windows.x().shape()[1]);
        assertArrayEquals(flat(c.get("x")), windows.x().toArray(), 0.0);
        if (c.has("y")) {
            assertArrayEquals(flat(c.get("y")), windows.y().toArray(), 0.0);
        }
    }

    @Test
    void shufflingPermutesWholeWindowsWithTheirTargets() {
        Tensor data = series(40, 0);
        Tensor targets = data.mul(10);
        Dataset ordered = Timeseries.timeseriesDatasetFromArray(data, targets, TimeseriesOptions.create(5));
        Dataset shuffled = Timeseries.timeseriesDatasetFromArray(data, targets, TimeseriesOptions.create(5).shuffle(true).seed(3));
        double[] x = shuffled.x().toArray();
        double[] y = shuffled.y().toArray();
        boolean moved = false;
        for (int i = 0; i < shuffled.size(); i++) {
            assertEquals(x[i * 5] * 10, y[i], "window " + i + " keeps its target");
            assertEquals(x[i * 5] + 4, x[i * 5 + 4], "window " + i + " stays whole");
            moved |= x[i * 5] != ordered.x().toArray()[i * 5];
        }
        assertTrue(moved, "the order changed");
        assertArrayEquals(shuffled.x().toArray(),
                Timeseries.timeseriesDatasetFromArray(data, targets, TimeseriesOptions.create(5).shuffle(true).seed(3)).x().toArray());
    }

    @Test
    void badSettingsEchoKerasMessages() {
        Tensor data = series(10, 0);
        IllegalArgumentException end = assertThrows(IllegalArgumentException.class,
                () -> Timeseries.timeseriesDatasetFromArray(data, null, TimeseriesOptions.create(2).endIndex(10)));
        assertTrue(end.getMessage().contains("end_index=10, for data of length 10"), end.getMessage());
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
                () -> Timeseries.timeseriesDatasetFromArray(data, null, TimeseriesOptions.create(2).startIndex(5).endIndex(3)));
        assertTrue(order.getMessage().contains("start_index=5, and end_index=3"), order.getMessage());
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> Timeseries.timeseriesDatasetFromArray(data, null, TimeseriesOptions.create(2).samplingRate(10)));
        assertTrue(rate.getMessage().contains("sampling_rate=10"), rate.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeseriesOptions.create(0)).getMessage()
                .contains("sequence_length=0"));
    }
}
