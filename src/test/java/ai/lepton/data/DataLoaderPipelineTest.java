package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The pipeline of {@link DataLoader}: map per batch and per example (seeded), prefetch, cache, take and skip. */
class DataLoaderPipelineTest {
    private static final int N = 10;

    /** Example {@code i} has input {@code (i, 10 i)} and label {@code i % 3}. */
    private static Dataset numbered() {
        double[] x = new double[2 * N];
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 10 * i;
            y[i] = i % 3;
        }
        return Dataset.of(Tensor.of(x, N, 2), Tensor.of(y, N));
    }

    /** Adds one uniform draw to both inputs of an example. */
    private static final BiFunction<Batch, SplittableRandom, Batch> NOISE =
            (b, r) -> new Batch(b.x().add(r.nextDouble()), b.y());

    private static double[] all(DataLoader loader, int epoch) {
        List<Double> out = new ArrayList<>();
        for (Iterator<Batch> it = loader.epoch(epoch); it.hasNext();) {
            for (double v : it.next().x().toArray()) {
                out.add(v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void mapTransformsEveryBatch() {
        DataLoader loader = DataLoader.of(numbered(), 4).map(b -> new Batch(b.x().mul(2), b.y()));
        Batch first = loader.epoch(0).next();
        assertArrayEquals(new double[] {0, 0, 2, 20, 4, 40, 6, 60}, first.x().toArray());
        assertArrayEquals(new double[] {0, 1, 2, 0}, first.y().toArray());
    }

    @Test
    void exampleMapsDependOnTheSeedEpochAndExampleNotOnBatching() {
        double[] byThree = all(DataLoader.of(numbered(), 3).mapExamples(NOISE, 5), 2);
        double[] byFive = all(DataLoader.of(numbered(), 5).mapExamples(NOISE, 5).prefetch(2), 2);
        assertArrayEquals(byThree, byFive);
        for (int i = 0; i < N; i++) {
            double noise = byThree[2 * i] - i;
            assertTrue(noise >= 0 && noise < 1, "example " + i);
            assertEquals(noise, byThree[2 * i + 1] - 10 * i, 1e-12, "one draw per example");
        }
        assertFalse(Arrays.equals(byThree, all(DataLoader.of(numbered(), 3).mapExamples(NOISE, 6), 2)), "another seed");
        assertFalse(Arrays.equals(byThree, all(DataLoader.of(numbered(), 3).mapExamples(NOISE, 5), 3)), "another epoch");
        double[] shuffled = all(DataLoader.of(numbered(), 3).shuffle(1).mapExamples(NOISE, 5), 2);
        int[] order = Shuffle.order(N, 1, 2);
        for (int k = 0; k < N; k++) {
            assertEquals(byThree[2 * order[k]], shuffled[2 * k], 0.0, "example " + order[k] + " gets the same draw in any order");
        }
    }

    @Test
    void seededBatchMapsRepeatAndPrefetchKeepsTheOrder() {
        DataLoader plain = DataLoader.of(numbered(), 3).shuffle(4).map(NOISE, 9);
        DataLoader prefetched = DataLoader.of(numbered(), 3).shuffle(4).map(NOISE, 9).prefetch(3);
        for (int epoch = 0; epoch < 3; epoch++) {
            assertArrayEquals(all(plain, epoch), all(prefetched, epoch));
        }
    }

    @Test
    void takeAndSkipCountBatches() {
        DataLoader loader = DataLoader.of(numbered(), 3).skip(1).take(2);
        assertEquals(2, loader.numBatches());
        assertEquals(6, loader.size());
        assertArrayEquals(new double[] {3, 30, 4, 40, 5, 50, 6, 60, 7, 70, 8, 80}, all(loader, 0));
        DataLoader tail = DataLoader.of(numbered(), 3).skip(3);
        assertEquals(1, tail.numBatches());
        assertEquals(1, tail.size());
        assertArrayEquals(new double[] {9, 90}, all(tail, 0));
        assertEquals(0, DataLoader.of(numbered(), 3).skip(9).numBatches());
        assertEquals(0, DataLoader.of(numbered(), 3).take(0).size());
    }

    @Test
    void cacheOfADatasetInMemoryChangesNothing() {
        DataLoader loader = DataLoader.of(numbered(), 4);
        double[] before = all(loader, 0);
        assertTrue(loader.cache().inMemory());
        assertArrayEquals(before, all(loader, 0));
    }

    @Test
    void badSettingsAndExampleMapsThatChangeShapesAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> DataLoader.of(numbered(), 3).prefetch(-1));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.of(numbered(), 3).take(-1));
        IllegalArgumentException skip = assertThrows(IllegalArgumentException.class, () -> DataLoader.of(numbered(), 3).skip(-2));
        assertEquals("DataLoader.skip: n must be at least 0. Received: -2", skip.getMessage());
        DataLoader ragged = DataLoader.of(numbered(), 4)
                .mapExamples((b, r) -> b.y().toArray()[0] == 1 ? new Batch(Tensor.zeros(1, 3), b.y()) : b, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ragged.epoch(0).next());
        assertTrue(e.getMessage().contains("example 1 of the batch came out (1, 3), but the first (1, 2)"), e.getMessage());
    }
}
