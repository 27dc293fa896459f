package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.models.Sequential;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Masking: which steps it masks, what it outputs and passes on, and what its gradient is. */
class MaskingTest {
    @Test
    void aStepIsMaskedWhenAllItsFeaturesEqualTheMaskValueAndBecomesZeros() {
        Masking masking = new Masking(-1);
        masking.build(new int[] {3, 2}, 1L);
        Tensor x = Tensor.of(new double[] {-1, -1, -1, 4, 2, 3, 5, 6, -1, -1, -1, -1}, 2, 3, 2).requiresGrad(true);
        Tensor y = masking.call(x, false);
        assertArrayEquals(new double[] {0, 1, 1, 1, 0, 0}, Storage.mask(y).toArray(), 0.0);
        assertArrayEquals(new double[] {0, 0, -1, 4, 2, 3, 5, 6, 0, 0, 0, 0}, y.toArray(), 0.0);
        assertArrayEquals(Storage.mask(y).toArray(), masking.computeMask(List.of(x)).toArray(), 0.0);
        y.sum().backward();
        assertArrayEquals(new double[] {0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0}, x.grad().toArray(), 0.0);
    }

    @Test
    void anLstmAfterMaskingSkipsThePaddedSteps() {
        Sequential padded = new Sequential(new Masking().inputShape(4, 2), new LSTM(3));
        Sequential trimmed = new Sequential(new LSTM(3).inputShape(2, 2));
        padded.seed(1L);
        Tensor x = Tensor.of(new double[] {0.5, -1, 2, 0.25, 0, 0, 0, 0}, 1, 4, 2);
        padded.predict(x);
        trimmed.predict(Tensor.of(new double[] {0.5, -1, 2, 0.25}, 1, 2, 2));
        trimmed.setWeights(padded.getWeights());
        assertArrayEquals(trimmed.predict(Tensor.of(new double[] {0.5, -1, 2, 0.25}, 1, 2, 2)).toArray(),
                padded.predict(x).toArray(), 1e-15);
    }

    @Test
    void theMaskValueMustBeFinite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Masking(Double.NaN));
        assertTrue(e.getMessage().contains("mask_value=NaN"), e.getMessage());
    }
}
