package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.data.Batch;
import ai.lepton.layers.Add;
import ai.lepton.layers.Concatenate;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Layer;
import ai.lepton.optimizers.SGD;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A two-input, two-output residual model against PyTorch float64 (golden/models/functional.py):
 * predictions, both losses, every gradient and the weights after one SGD step.
 */
class FunctionalGoldenTest {
    private static final Path FIXTURE = Path.of("src/test/resources/golden/models/functional.json");
    private static final double TOLERANCE = 1e-12;
    private static final String[] DENSE = {"h", "g", "dr", "classes", "value"};

    private final JsonObject golden;

    FunctionalGoldenTest() throws IOException {
        golden = JsonParser.parseString(Files.readString(FIXTURE)).getAsJsonObject();
    }

    private static double[] values(JsonArray array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsDouble();
        }
        return out;
    }

    private double[] values(String key) {
        return values(golden.getAsJsonArray(key));
    }

    private Model model() {
        SymbolicTensor a = Input.shape(4).name("a");
        SymbolicTensor b = Input.shape(3).name("b");
        SymbolicTensor s = new Add().name("s").apply(new Dense(5, "relu").name("h").apply(a),
                new Dense(5, "tanh").name("g").apply(b));
        SymbolicTensor r = new Add().name("r").apply(new Dense(5).name("dr").apply(s), s);
        SymbolicTensor classes = new Dense(3, "softmax").name("classes").apply(r);
        SymbolicTensor value = new Dense(1).name("value").apply(new Concatenate().name("cat").apply(r, b));
        Model model = new Model(List.of(a, b), List.of(classes, value));
        for (String name : DENSE) {
            Layer layer = model.getLayer(name);
            JsonObject w = golden.getAsJsonObject("weights").getAsJsonObject(name);
            int[] kernel = layer.getWeights().get(0).shape();
            layer.setWeights(List.of(Tensor.of(values(w.getAsJsonArray("kernel")), kernel),
                    Tensor.of(values(w.getAsJsonArray("bias")), kernel[1])));
        }
        model.compile(new SGD(0.1), List.of("sparse_categorical_crossentropy", "mse"));
        return model;
    }

    private Batch batch() {
        double[] labels = values("labels");
        return new Batch(List.of(Tensor.of(values("a"), 6, 4), Tensor.of(values("b"), 6, 3)),
                List.of(Tensor.of(labels, 6), Tensor.of(values("targets"), 6, 1)));
    }

    @Test
    void predictionsLossesAndGradientsMatchPyTorch() {
        Model model = model();
        Batch batch = batch();
        List<Tensor> predictions = model.predict(batch.xs());
        assertArrayEquals(values("classes"), predictions.get(0).toArray(), TOLERANCE);
        assertArrayEquals(values("value"), predictions.get(1).toArray(), TOLERANCE);
        model.fit(batch.xs(), batch.ys(), FitOptions.create().epochs(1).batchSize(6).shuffle(false).verbose(0)
                .lossWeights(1.0, 0.5));
        for (String name : DENSE) {
            JsonObject after = golden.getAsJsonObject("after_step").getAsJsonObject(name);
            List<Tensor> w = model.getLayer(name).getWeights();
            assertArrayEquals(values(after.getAsJsonArray("kernel")), w.get(0).toArray(), TOLERANCE, name + " kernel");
            assertArrayEquals(values(after.getAsJsonArray("bias")), w.get(1).toArray(), TOLERANCE, name + " bias");
        }
        List<Tensor> next = model.predict(batch.xs());
        assertArrayEquals(values("classes_after"), next.get(0).toArray(), TOLERANCE);
        assertArrayEquals(values("value_after"), next.get(1).toArray(), TOLERANCE);
    }

    @Test
    void theLoggedLossesAndTheGradientsOfOneComputeLossMatchPyTorch() {
        Model fresh = model().lossWeights(1.0, 0.5);
        Batch batch = batch();
        EpochLogs logs = fresh.newLogs(batch);
        Tensor loss = fresh.computeLoss(batch, true, logs);
        assertEquals(golden.get("loss").getAsDouble(), loss.item(), TOLERANCE);
        assertEquals(golden.get("classes_loss").getAsDouble(), logs.values().get("classes_loss"), TOLERANCE);
        assertEquals(golden.get("value_loss").getAsDouble(), logs.values().get("value_loss"), TOLERANCE);
        loss.backward();
        for (String name : DENSE) {
            JsonObject g = golden.getAsJsonObject("gradients").getAsJsonObject(name);
            Layer layer = fresh.getLayer(name);
            List<Tensor> live = layer.trainableWeights();
            assertArrayEquals(values(g.getAsJsonArray("kernel")), live.get(0).grad().toArray(), TOLERANCE, name + " kernel");
            assertArrayEquals(values(g.getAsJsonArray("bias")), live.get(1).grad().toArray(), TOLERANCE, name + " bias");
        }
    }
}
