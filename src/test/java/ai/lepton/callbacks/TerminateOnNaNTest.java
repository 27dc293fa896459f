package ai.lepton.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.layers.Dense;
import ai.lepton.models.Callback;
import ai.lepton.models.FitOptions;
import ai.lepton.models.History;
import ai.lepton.models.Sequential;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminateOnNaNTest {
    @Test
    void stopsAtTheFirstNonFiniteLossNamingTheEpochAndBatch() {
        double[] x = Tensor.randn(1, 8, 3).toArray();
        x[5 * 3] = Double.NaN;   // example 5: batch 3 of 2 examples each
        Sequential model = new Sequential(new Dense(2, "tanh").inputShape(3), new Dense(1));
        model.compile("sgd", "mse");
        List<Integer> batchesSeen = new ArrayList<>();
        Callback counter = new Callback() {
            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                batchesSeen.add(batch);
            }
        };
        TerminateOnNaN guard = new TerminateOnNaN();
        History h = model.fit(Tensor.of(x, 8, 3), Tensor.zeros(8, 1), FitOptions.create().initialEpoch(3).epochs(9)
                .batchSize(2).shuffle(false).verbose(0).callbacks(counter, guard));

        assertTrue(guard.terminated());
        assertTrue(guard.message().matches("Epoch 4, batch 3: invalid loss NaN, terminating training"), guard.message());
        assertEquals(List.of(0, 1, 2), batchesSeen, "no batch after the bad one");
        assertEquals(List.of(3), h.epochs(), "no epoch after the bad one");
        assertFalse(Double.isFinite(h.loss().get(0)));
    }

    @Test
    void terminateOnNaNStopsAtTheFirstNonFiniteLossAndSaysWhere() {
        Sequential model = Line.model(1e200);
        TerminateOnNaN guard = new TerminateOnNaN();
        History h = model.fit(Line.X, Line.Y, FitOptions.create().epochs(10).batchSize(1).shuffle(false).verbose(0).callbacks(guard));
        assertTrue(guard.terminated());
        assertEquals(1, h.loss().size());
        assertFalse(Double.isFinite(h.loss().get(0)));
        assertTrue(guard.message().matches("Epoch 1, batch [2-4]: invalid loss (NaN|Infinity), terminating training"),
                guard.message());
    }
}
