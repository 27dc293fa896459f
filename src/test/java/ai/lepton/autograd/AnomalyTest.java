package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AnomalyTest {
    @Test
    @SuppressWarnings("try")
    void logOfANegativeNumberNamesTheOp() {
        Tensor x = Tensor.of(new double[] {1, -1}, 2).requiresGrad(true);
        try (Anomaly a = Anomaly.detect()) {
            ArithmeticException e = assertThrows(ArithmeticException.class, x::log);
            assertEquals("Log produced a non-finite value in its output; inputs (2,)", e.getMessage());
        }
    }

    @Test
    @SuppressWarnings("try")
    void aNonFiniteGradientNamesTheOpAndInput() {
        Tensor x = Tensor.of(new double[] {0, 4}, 2).requiresGrad(true);
        try (Anomaly a = Anomaly.detect()) {
            Tensor loss = x.sqrt().sum();
            ArithmeticException e = assertThrows(ArithmeticException.class, loss::backward);
            assertEquals("Sqrt produced a non-finite gradient for input 0; inputs (2,)", e.getMessage());
        }
    }

    @Test
    @SuppressWarnings("try")
    void checksOnlyInsideTheScope() {
        Tensor x = Tensor.of(new double[] {-1}, 1);
        try (Anomaly a = Anomaly.detect()) {
            assertThrows(ArithmeticException.class, x::log);
        }
        assertTrue(Double.isNaN(x.log().item()), "outside the scope NaN passes through");
    }
}
