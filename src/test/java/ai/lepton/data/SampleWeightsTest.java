package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.Tensor;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Class weights turned into sample weights as Keras does, the checks of sample weights, and batches that carry them. */
class SampleWeightsTest {
    private static final long SEED = 7;

    @Test
    void classIndicesWeighTheirClassAndMissingClassesWeighOne() {
        Tensor labels = Tensor.of(new double[] {0, 1, 1, 2, 3}, 5);
        Tensor w = SampleWeights.fromClassWeight(labels, Map.of(1, 5.0, 3, 0.0));
        assertArrayEquals(new double[] {1, 5, 5, 1, 0}, w.toArray(), 0);
        assertArrayEquals(new int[] {5}, w.shape());
    }

    @Test
    void aColumnOfLabelsIsRoundedAsKerasDoesForSigmoidTargets() {
        Tensor labels = Tensor.of(new double[] {0.0, 1.0, 0.9, 0.2}, 4, 1);
        assertArrayEquals(new double[] {1, 3, 3, 1}, SampleWeights.fromClassWeight(labels, Map.of(0, 1.0, 1, 3.0)).toArray(), 0);
    }

    @Test
    void oneHotRowsWeighTheirLargestColumnTheFirstOnATie() {
        Tensor labels = Tensor.of(new double[] {0, 0, 1, 0, 1, 0, 0.5, 0.5, 0}, 3, 3);
        assertArrayEquals(new double[] {4, 2, 1}, SampleWeights.fromClassWeight(labels, Map.of(0, 1.0, 1, 2.0, 2, 4.0)).toArray(), 0);
    }

    @Test
    void labelsWithoutOneClassPerExampleAreAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleWeights.fromClassWeight(Tensor.zeros(2, 3, 4), Map.of(0, 1.0)));
        assertEquals("classWeight needs one class per example, from labels of shape (n,), (n, 1) or one-hot (n, classes). "
                + "Received labels of shape (2, 3, 4); give a sampleWeight instead", e.getMessage());
    }

    @Test
    void negativeOrNonFiniteClassWeightsAndKeysAreErrors() {
        assertEquals("classWeight of class 1 must be a finite weight, 0 or more. Received: {0=1.0, 1=-2.0}",
                assertThrows(IllegalArgumentException.class,
                        () -> SampleWeights.checkClassWeight(new java.util.TreeMap<>(Map.of(0, 1.0, 1, -2.0)))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SampleWeights.checkClassWeight(Map.of(0, Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> SampleWeights.checkClassWeight(Map.of(0, Double.POSITIVE_INFINITY)));
        assertEquals("classWeight keys must be class indices, 0 or more. Received: {-1=2.0}",
                assertThrows(IllegalArgumentException.class, () -> SampleWeights.checkClassWeight(Map.of(-1, 2.0))).getMessage());
        Map<Integer, Double> nullWeight = new HashMap<>();
        nullWeight.put(0, null);
        assertThrows(IllegalArgumentException.class, () -> SampleWeights.checkClassWeight(nullWeight));
        assertThrows(IllegalArgumentException.class, () -> SampleWeights.checkClassWeight(null));
    }

    @Test
    void classWeightKeysBeyondTheModelsClassesAreAnError() {
        SampleWeights.checkClassWeight(Map.of(0, 1.0, 1, 2.0), 2, "fit");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleWeights.checkClassWeight(Map.of(3, 2.0), 3, "fit"));
        assertEquals("fit: classWeight has class 3, but the model's output has 3 classes (0 to 2). Received: classWeight={3=2.0}",
                e.getMessage());
    }

    @Test
    void sampleWeightsOfTheWrongLengthOrWithBadValuesAreErrors() {
        assertEquals("fit: sampleWeight of shape (3,) must have one row per example, (4,), for 4 examples",
                assertThrows(IllegalArgumentException.class, () -> SampleWeights.check("fit", Tensor.ones(3), 4)).getMessage());
        assertEquals("fit: sampleWeight must be finite and not negative; the value at flat index 1 is NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> SampleWeights.check("fit", Tensor.of(new double[] {1, Double.NaN}, 2), 2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SampleWeights.check("fit", Tensor.of(new double[] {1, -1}, 2), 2));
        assertThrows(IllegalArgumentException.class,
                () -> SampleWeights.check("fit", Tensor.of(new double[] {Double.NEGATIVE_INFINITY}, 1), 1));
        assertEquals("fit: sampleWeight must have one row per example, (n,). Received: a scalar",
                assertThrows(IllegalArgumentException.class, () -> SampleWeights.checkValues("fit", Tensor.scalar(1)))
                        .getMessage());
    }

    @Test
    void aBatchChecksItsWeightsAgainstItsExamples() {
        Tensor x = Tensor.zeros(3, 2);
        Tensor y = Tensor.zeros(3);
        assertNull(new Batch(x, y).sampleWeight());
        Batch weighted = new Batch(x, y).withSampleWeight(Tensor.of(new double[] {1, 2, 3}, 3));
        assertArrayEquals(new double[] {1, 2, 3}, weighted.sampleWeight().toArray(), 0);
        assertEquals("Batch: sampleWeight of shape (2,) must have one row per example, (3,), for 3 examples",
                assertThrows(IllegalArgumentException.class, () -> new Batch(x, y).withSampleWeight(Tensor.ones(2))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Batch(Tensor.scalar(1), y).withSampleWeight(Tensor.ones(1)));
    }

    @Test
    void aShuffledLoaderKeepsEachWeightWithItsExample() {
        double[] x = new double[10];
        double[] w = new double[10];
        for (int i = 0; i < 10; i++) {
            x[i] = i;
            w[i] = 100 + i;
        }
        DataLoader loader = DataLoader.of(Dataset.of(Tensor.of(x, 10, 1), Tensor.of(x, 10)), 3).shuffle(SEED)
                .sampleWeight(Tensor.of(w, 10));
        int seen = 0;
        for (Iterator<Batch> it = loader.epoch(2); it.hasNext();) {
            Batch b = it.next();
            double[] bx = b.x().toArray();
            double[] bw = b.sampleWeight().toArray();
            for (int i = 0; i < bx.length; i++) {
                assertEquals(100 + bx[i], bw[i], 0);
                seen++;
            }
        }
        assertEquals(10, seen);
        assertEquals("DataLoader: sampleWeight of shape (9,) must have one row per example, (10,), for 10 examples",
                assertThrows(IllegalArgumentException.class, () -> loader.sampleWeight(Tensor.ones(9))).getMessage());
        assertNull(loader.sampleWeight(null).epoch(0).next().sampleWeight());
    }
}
