package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
    private static final long SEED = 7;

    /** Ten samples of shape (2,): sample i is {@code [i, -i]} with label {@code i}. */
    private static Dataset ten() {
        double[] x = IntStream.range(0, 20).mapToDouble(k -> k % 2 == 0 ? k / 2 : -(k / 2)).toArray();
        double[] y = IntStream.range(0, 10).asDoubleStream().toArray();
        return Dataset.of(Tensor.of(x, 10, 2), Tensor.of(y, 10));
    }

    private static List<Double> labels(DataLoader loader) {
        List<Double> out = new ArrayList<>();
        for (Batch b : loader) {
            for (double v : b.y().toArray()) {
                out.add(v);
            }
        }
        return out;
    }

    @Test
    void withoutShuffleBatchesComeInOrderAndTheLastIsShort() {
        DataLoader loader = DataLoader.of(ten(), 4);
        assertEquals(3, loader.numBatches());
        assertEquals(10, loader.size());
        assertEquals(4, loader.batchSize());
        List<Batch> batches = new ArrayList<>();
        loader.forEach(batches::add);
        assertArrayEquals(new int[] {4, 2}, batches.get(0).x().shape());
        assertArrayEquals(new int[] {2, 2}, batches.get(2).x().shape());
        assertArrayEquals(new double[] {8, -8, 9, -9}, batches.get(2).x().toArray());
        assertArrayEquals(new double[] {8, 9}, batches.get(2).y().toArray());
    }

    @Test
    void dropLastLeavesOutTheShortBatch() {
        DataLoader loader = DataLoader.of(ten(), 4).dropLast(true);
        assertEquals(2, loader.numBatches());
        assertEquals(8, labels(loader).size());
    }

    @Test
    void shuffleGivesANewOrderEachEpochAndKeepsPairsTogether() {
        DataLoader loader = DataLoader.of(ten(), 3).shuffle(SEED);
        List<Double> first = labels(loader);
        List<Double> second = labels(loader);
        assertNotEquals(first, second);
        List<Double> sorted = new ArrayList<>(first);
        sorted.sort(null);
        assertEquals(labels(DataLoader.of(ten(), 3)), sorted);
        for (Batch b : loader) {
            double[] x = b.x().toArray();
            double[] y = b.y().toArray();
            for (int i = 0; i < y.length; i++) {
                assertEquals(y[i], x[2 * i]);
                assertEquals(-y[i], x[2 * i + 1], 0.0);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameSequenceOfEpochs() {
        DataLoader a = DataLoader.of(ten(), 5).shuffle(SEED);
        DataLoader b = DataLoader.of(ten(), 5).shuffle(SEED);
        for (int epoch = 0; epoch < 3; epoch++) {
            assertEquals(labels(a), labels(b));
        }
        assertNotEquals(labels(DataLoader.of(ten(), 5).shuffle(SEED)), labels(DataLoader.of(ten(), 5).shuffle(SEED + 1)));
    }

    @Test
    void iteratorEndsAfterTheLastBatch() {
        Iterator<Batch> it = DataLoader.of(ten(), 10).iterator();
        it.next();
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void batchSizeMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataLoader.of(ten(), 0));
        assertTrue(e.getMessage().contains("batchSize=0"), e.getMessage());
    }

    @Test
    void csvLoaderBatchesTheBundledDigits() {
        DataLoader loader = DataLoader.csv(Path.of("data/digits.csv"), CsvOptions.create().labelLast())
                .batchSize(100);
        assertEquals(18, loader.numBatches());
        Batch first = loader.iterator().next();
        assertArrayEquals(new int[] {100, 64}, first.x().shape());
        assertArrayEquals(new int[] {100}, first.y().shape());
        assertEquals(1797, loader.size());
    }
}
