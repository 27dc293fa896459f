package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LabelsTest {
    @Test
    void toCategoricalMakesOneHotRows() {
        Tensor oneHot = Labels.toCategorical(Tensor.of(new double[] {2, 0, 1}, 3), 3);
        assertArrayEquals(new int[] {3, 3}, oneHot.shape());
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, oneHot.toArray());
    }

    @Test
    void toCategoricalAcceptsAColumnOfLabels() {
        assertArrayEquals(new int[] {2, 4}, Labels.toCategorical(Tensor.of(new double[] {3, 0}, 2, 1), 4).shape());
    }

    @Test
    void labelOutOfRangeIsNamedWithItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Labels.toCategorical(Tensor.of(new double[] {0, 3}, 2), 3));
        assertTrue(e.getMessage().contains("label 3 at index 1"), e.getMessage());
    }

    @Test
    void fractionalLabelIsNotAClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Labels.toCategorical(Tensor.of(new double[] {0.5}, 1), 3));
        assertTrue(e.getMessage().contains("0.5"), e.getMessage());
    }

    @Test
    void classIndicesReadsIndicesAndOneHotRowsAlike() {
        Tensor y = Tensor.of(new double[] {2, 0, 1}, 3);
        assertArrayEquals(new int[] {2, 0, 1}, Labels.classIndices(y));
        assertArrayEquals(new int[] {2, 0, 1}, Labels.classIndices(Labels.toCategorical(y, 3)));
    }
}
