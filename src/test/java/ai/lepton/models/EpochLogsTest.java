package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.autograd.NoGrad;
import ai.lepton.data.Batch;
import ai.lepton.data.DataLoader;
import ai.lepton.data.Dataset;
import ai.lepton.layers.Dense;
import ai.lepton.tensor.Tensor;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpochLogsTest {
    @Test
    @SuppressWarnings("try")
    void logsFilledInPartsAndMergedEqualLogsFilledAtOnce() {
        Sequential model = new Sequential(new Dense(1, "sigmoid").inputShape(3)).seed(4);
        model.compile("sgd", "binary_crossentropy", "accuracy", "precision", "recall", "mae");
        Tensor x = Tensor.randn(1, 30, 3);
        double[] labels = new double[30];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = x.get(i, 0) + x.get(i, 1) > 0 ? 1 : 0;
        }
        Tensor y = Tensor.of(labels, 30, 1);
        DataLoader loader = DataLoader.of(Dataset.of(x, y), 7);
        Batch first = loader.epoch(0).next();
        EpochLogs whole = model.newLogs(first);
        EpochLogs partA = model.newLogs(first);
        EpochLogs partB = model.newLogs(first);
        try (NoGrad g = NoGrad.enter()) {
            Iterator<Batch> it = loader.epoch(0);
            for (int i = 0; it.hasNext(); i++) {
                Batch b = it.next();
                model.computeLoss(b, false, whole);
                model.computeLoss(b, false, i % 2 == 0 ? partA : partB);
            }
        }
        EpochLogs merged = model.newLogs(first);
        merged.merge(partA.state());
        merged.merge(partB.state());
        Map<String, Double> expected = whole.values();
        assertEquals(expected.keySet(), merged.values().keySet());
        expected.forEach((k, v) -> assertEquals(v, merged.values().get(k), 1e-12, k));
        assertEquals(30, merged.examples());
        assertEquals(model.evaluate(x, y, 7).values().get("precision"), expected.get("precision"), 0.0);
        assertThrows(IllegalArgumentException.class, () -> merged.merge(new double[] {1, 2}));
    }
}
