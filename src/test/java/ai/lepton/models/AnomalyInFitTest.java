package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.layers.Dense;
import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link FitOptions#detectAnomaly}: the first non-finite value in a real training run is named with its op, epoch and batch. */
class AnomalyInFitTest {
    /** Six examples of three features; example 4 (batch 3 of 2 examples each) holds a NaN. */
    private static Tensor inputsWithANaN() {
        double[] x = Tensor.randn(1, 6, 3).toArray();
        x[4 * 3 + 1] = Double.NaN;
        return Tensor.of(x, 6, 3);
    }

    private static Sequential model() {
        Sequential model = new Sequential(new Dense(4, "relu").inputShape(3), new Dense(1));
        model.compile("sgd", "mse");
        return model;
    }

    private static FitOptions options() {
        return FitOptions.create().epochs(2).batchSize(2).shuffle(false).verbose(0);
    }

    @Test
    void theFirstOpWithANonFiniteOutputIsNamedWithEpochBatchAndInputShapes() {
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> model().fit(inputsWithANaN(), Tensor.zeros(6, 1), options().detectAnomaly(true)));
        assertTrue(e.getMessage().matches("Epoch 1, batch 3: \\w+ produced a non-finite value in its output; inputs \\(2, 3\\).*"),
                e.getMessage());
    }

    @Test
    void withoutItTheNanSpreadsSilentlyIntoTheWeights() {
        Sequential model = model();
        History h = model.fit(inputsWithANaN(), Tensor.zeros(6, 1), options());
        assertTrue(Double.isNaN(h.loss().get(1)));
        assertFalse(Double.isFinite(model.getWeights().get(0).sum().item()));
    }

    @Test
    void aHealthyRunIsUnchangedByIt() {
        Tensor x = Tensor.randn(2, 6, 3);
        Sequential checked = model();
        Sequential plain = model();
        checked.fit(x, Tensor.zeros(6, 1), options().detectAnomaly(true));
        plain.fit(x, Tensor.zeros(6, 1), options());
        assertEquals(plain.getWeights().get(0).sum().item(), checked.getWeights().get(0).sum().item(), 0.0);
    }
}
