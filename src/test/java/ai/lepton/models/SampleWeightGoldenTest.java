package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.data.DataLoader;
import ai.lepton.data.Dataset;
import ai.lepton.layers.Dense;
import ai.lepton.optimizers.SGD;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Training with class and sample weights against PyTorch float64 with Keras's formulas
 * (golden/weights/make_golden.py): one epoch of SGD in two batches, the batch losses, the logged
 * loss, the weighted validation loss and the weights after the epoch.
 */
class SampleWeightGoldenTest {
    private static final Path FIXTURE = Path.of("src/test/resources/golden/weights/weights.json");
    private static final double TOLERANCE = 1e-12;

    private final JsonObject classCase;
    private final JsonObject sampleCase;

    SampleWeightGoldenTest() throws IOException {
        JsonObject golden = JsonParser.parseString(Files.readString(FIXTURE)).getAsJsonObject();
        classCase = golden.getAsJsonObject("class_weight");
        sampleCase = golden.getAsJsonObject("sample_weight");
    }

    private static double[] values(JsonObject o, String key) {
        JsonArray array = o.getAsJsonArray(key);
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsDouble();
        }
        return out;
    }

    private static Sequential dense(JsonObject c, int in, int units, String activation) {
        Sequential model = new Sequential(new Dense(units, activation).inputShape(in));
        model.setWeights(List.of(Tensor.of(values(c, "kernel"), in, units), Tensor.of(values(c, "bias"), units)));
        return model;
    }

    private Map<Integer, Double> classWeight() {
        Map<Integer, Double> weights = new TreeMap<>();
        classCase.getAsJsonObject("class_weight").entrySet()
                .forEach(e -> weights.put(Integer.parseInt(e.getKey()), e.getValue().getAsDouble()));
        return weights;
    }

    /** Records the running loss after every batch. */
    private static final class BatchLosses implements Callback {
        final List<Double> running = new ArrayList<>();

        @Override
        public void onBatchEnd(int batch, Map<String, Double> logs) {
            running.add(logs.get("loss"));
        }
    }

    private void assertClassWeightedEpoch(Sequential model, History history, BatchLosses batches) {
        double[] batchLosses = values(classCase, "batch_losses");
        assertEquals(batchLosses[0], batches.running.get(0), TOLERANCE, "loss of the first batch of 4");
        assertEquals(classCase.get("loss").getAsDouble(), batches.running.get(1), TOLERANCE, "running mean after both batches");
        assertEquals(classCase.get("loss").getAsDouble(), history.loss().get(0), TOLERANCE, "logged loss");
        assertArrayEquals(values(classCase, "kernel_after"), model.getWeights().get(0).toArray(), TOLERANCE, "kernel");
        assertArrayEquals(values(classCase, "bias_after"), model.getWeights().get(1).toArray(), TOLERANCE, "bias");
    }

    @Test
    void classWeightedSparseLabelsTrainAsKerasDoes() {
        Sequential model = dense(classCase, 4, 3, "softmax");
        model.compile(new SGD(classCase.get("learning_rate").getAsDouble()), "sparse_categorical_crossentropy");
        BatchLosses batches = new BatchLosses();
        History history = model.fit(Tensor.of(values(classCase, "x"), 6, 4), Tensor.of(values(classCase, "labels"), 6),
                FitOptions.create().batchSize(4).shuffle(false).verbose(0).classWeight(classWeight()).callbacks(batches));
        assertClassWeightedEpoch(model, history, batches);
    }

    @Test
    void classWeightedOneHotLabelsWeighTheArgmaxClass() {
        Sequential model = dense(classCase, 4, 3, "softmax");
        model.compile(new SGD(classCase.get("learning_rate").getAsDouble()), "categorical_crossentropy");
        double[] labels = values(classCase, "labels");
        double[] oneHot = new double[labels.length * 3];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * 3 + (int) labels[i]] = 1;
        }
        BatchLosses batches = new BatchLosses();
        DataLoader loader = DataLoader.of(Dataset.of(Tensor.of(values(classCase, "x"), 6, 4), Tensor.of(oneHot, 6, 3)), 4);
        History history = model.fit(loader, FitOptions.create().verbose(0).classWeight(classWeight()).callbacks(batches));
        assertClassWeightedEpoch(model, history, batches);
    }

    @Test
    void sampleWeightsAndWeightedValidationDataTrainAsKerasDoes() {
        JsonObject c = sampleCase;
        Sequential model = dense(c, 4, 2, "linear");
        model.compile(new SGD(c.get("learning_rate").getAsDouble()), "mse");
        Tensor x = Tensor.of(values(c, "x"), 6, 4);
        Tensor y = Tensor.of(values(c, "y"), 6, 2);
        Tensor w = Tensor.of(values(c, "sample_weight"), 6);
        assertEquals(c.get("evaluate_before").getAsDouble(), model.evaluate(x, y, w).loss(), TOLERANCE, "evaluate");

        BatchLosses batches = new BatchLosses();
        History history = model.fit(x, y, FitOptions.create().batchSize(3).shuffle(false).verbose(0).sampleWeight(w)
                .validationData(Tensor.of(values(c, "x_val"), 4, 4), Tensor.of(values(c, "y_val"), 4, 2),
                        Tensor.of(values(c, "val_sample_weight"), 4))
                .callbacks(batches));
        assertEquals(values(c, "batch_losses")[0], batches.running.get(0), TOLERANCE, "loss of the first batch");
        assertEquals(c.get("loss").getAsDouble(), history.loss().get(0), TOLERANCE, "logged loss");
        assertEquals(c.get("val_loss").getAsDouble(), history.metric("val_loss").get(0), TOLERANCE, "val_loss");
        assertArrayEquals(values(c, "kernel_after"), model.getWeights().get(0).toArray(), TOLERANCE, "kernel");
        assertArrayEquals(values(c, "bias_after"), model.getWeights().get(1).toArray(), TOLERANCE, "bias");
    }

    @Test
    void aWeightedLoaderTrainsAsWeightedTensors() {
        JsonObject c = sampleCase;
        Sequential model = dense(c, 4, 2, "linear");
        model.compile(new SGD(c.get("learning_rate").getAsDouble()), "mse");
        DataLoader loader = DataLoader.of(Dataset.of(Tensor.of(values(c, "x"), 6, 4), Tensor.of(values(c, "y"), 6, 2)), 3)
                .sampleWeight(Tensor.of(values(c, "sample_weight"), 6));
        History history = model.fit(loader, FitOptions.create().verbose(0));
        assertEquals(c.get("loss").getAsDouble(), history.loss().get(0), TOLERANCE, "logged loss");
        assertArrayEquals(values(c, "kernel_after"), model.getWeights().get(0).toArray(), TOLERANCE, "kernel");
        assertArrayEquals(values(c, "bias_after"), model.getWeights().get(1).toArray(), TOLERANCE, "bias");
    }
}
