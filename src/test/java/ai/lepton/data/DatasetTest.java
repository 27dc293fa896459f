package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DatasetTest {
    private static final long SEED = 42;

    /** {@code n} samples whose single feature is the sample's index; labels cycle through 3 classes. */
    private static Dataset indexed(int n) {
        double[] x = IntStream.range(0, n).asDoubleStream().toArray();
        double[] y = IntStream.range(0, n).map(i -> i % 3).asDoubleStream().toArray();
        return Dataset.of(Tensor.of(x, n, 1), Tensor.of(y, n), List.of("a", "b", "c"));
    }

    @Test
    void mismatchedSampleCountsAreRejectedWithBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(Tensor.zeros(4, 2), Tensor.zeros(3)));
        assertTrue(e.getMessage().contains("(4, 2)") && e.getMessage().contains("(3,)"), e.getMessage());
    }

    @Test
    void takeKeepsOrderForValidationSplit() {
        Dataset last = indexed(10).take(8, 10);
        assertArrayEquals(new double[] {8, 9}, last.x().toArray());
        assertArrayEquals(new double[] {2, 0}, last.y().toArray());
        assertEquals(List.of("a", "b", "c"), last.classNames());
        assertThrows(IndexOutOfBoundsException.class, () -> indexed(10).take(5, 11));
    }

    @Test
    void splitPartitionsTheSamplesAndIsReproducible() {
        Dataset d = indexed(100);
        Split a = d.split(0.2, SEED);
        Split b = d.split(0.2, SEED);
        assertEquals(80, a.train().size());
        assertEquals(20, a.test().size());
        assertArrayEquals(a.test().x().toArray(), b.test().x().toArray());
        double[] all = concat(a.train().x().toArray(), a.test().x().toArray());
        Arrays.sort(all);
        assertArrayEquals(d.x().toArray(), all);
        assertFalse(Arrays.equals(a.test().x().toArray(), d.split(0.2, SEED + 1).test().x().toArray()));
    }

    @Test
    void splitKeepsFeaturesAndLabelsTogether() {
        Split s = indexed(30).split(0.5, SEED);
        double[] x = s.test().x().toArray();
        double[] y = s.test().y().toArray();
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] % 3, y[i]);
        }
    }

    @Test
    void stratifiedSplitHoldsOutEachClassInProportion() {
        double[] y = new double[100];
        Arrays.fill(y, 90, 100, 1);
        Dataset d = Dataset.of(Tensor.zeros(100, 2), Tensor.of(y, 100));
        Split s = d.splitStratified(0.2, SEED);
        assertEquals(2, Arrays.stream(s.test().y().toArray()).filter(v -> v == 1).count());
        assertEquals(20, s.test().size());
        assertEquals(80, s.train().size());
    }

    @Test
    void stratifiedSplitRejectsRegressionTargets() {
        Dataset d = Dataset.of(Tensor.zeros(4, 1), Tensor.of(new double[] {0.5, 1, 2, 3}, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> d.splitStratified(0.5, SEED));
    }

    @Test
    void splitFractionMustBeBetweenZeroAndOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> indexed(10).split(1.5, SEED));
        assertTrue(e.getMessage().contains("testFraction=1.5"), e.getMessage());
    }

    @Test
    void numClassesAndToCategorical() {
        Dataset d = Dataset.of(Tensor.zeros(3, 1), Tensor.of(new double[] {0, 4, 2}, 3));
        assertEquals(5, d.numClasses());
        Dataset oneHot = d.toCategorical();
        assertArrayEquals(new int[] {3, 5}, oneHot.y().shape());
        assertEquals(5, oneHot.numClasses());
        assertEquals(1, oneHot.y().get(1, 4));
    }

    @Test
    void selectTakesRowsInTheGivenOrder() {
        Dataset s = indexed(5).select(4, 0, 4);
        assertArrayEquals(new double[] {4, 0, 4}, s.x().toArray());
        assertArrayEquals(new int[] {3, 1}, s.x().shape());
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
