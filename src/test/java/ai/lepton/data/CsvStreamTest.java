package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DataLoader#csvStream}: a CSV read one pass per epoch, as {@link Csv#read} reads it, shuffled within a buffer. */
class CsvStreamTest {
    @TempDir
    Path dir;

    private static void assertSameBatches(DataLoader expected, DataLoader actual) {
        assertEquals(expected.numBatches(), actual.numBatches());
        Iterator<Batch> a = actual.epoch(0);
        for (Iterator<Batch> e = expected.epoch(0); e.hasNext();) {
            Batch want = e.next();
            Batch got = a.next();
            assertArrayEquals(want.x().shape(), got.x().shape());
            assertArrayEquals(want.x().toArray(), got.x().toArray());
            assertArrayEquals(want.y().shape(), got.y().shape());
            assertArrayEquals(want.y().toArray(), got.y().toArray());
        }
        assertFalse(a.hasNext());
    }

    @Test
    void streamsTheRowsCsvReadReadsWithTheSameOptions() {
        CsvOptions iris = CsvOptions.create().labelColumn("species");
        DataLoader stream = DataLoader.csvStream(Path.of("data/iris.csv"), iris).batchSize(32);
        assertEquals(List.of("setosa", "versicolor", "virginica"), stream.classNames());
        assertEquals(150, stream.size());
        assertSameBatches(DataLoader.csv(Path.of("data/iris.csv"), iris).batchSize(32), stream);
        CsvOptions digits = CsvOptions.create().labelLast().header(false).divideBy(16).reshape(8, 8, 1).oneHot();
        assertSameBatches(DataLoader.csv(Path.of("data/digits.csv"), digits).batchSize(100),
                DataLoader.csvStream(Path.of("data/digits.csv"), digits).batchSize(100).prefetch(0));
        CsvOptions diabetes = CsvOptions.create().labelColumn("progression").regression();
        assertSameBatches(DataLoader.csv(Path.of("data/diabetes.csv"), diabetes).batchSize(64),
                DataLoader.csvStream(Path.of("data/diabetes.csv"), diabetes).batchSize(64));
    }

    @Test
    void shufflesWithinTheBufferEachEpochAsTheSeedSays() throws IOException {
        Path file = dir.resolve("rows.csv");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            text.append(i % 4).append(',').append(i).append('\n');
        }
        Files.writeString(file, text);
        int buffer = 10;
        DataLoader loader = DataLoader.csvStream(file, CsvOptions.create()).batchSize(7).shuffle(3).shuffleBuffer(buffer);
        double[] first = order(loader, 0);
        double[] sorted = first.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, sorted[i], "every row once");
            assertTrue(first[i] <= i + buffer - 1, "row " + first[i] + " at position " + i + " came from beyond the buffer");
        }
        assertFalse(Arrays.equals(sorted, first), "shuffled");
        assertArrayEquals(first, order(DataLoader.csvStream(file, CsvOptions.create()).batchSize(7).shuffle(3)
                .shuffleBuffer(buffer), 0), "the same seed and epoch give the same order");
        assertFalse(Arrays.equals(first, order(loader, 1)), "another epoch, another order");
        assertEquals(5, loader.skip(10).numBatches());
        assertEquals(7, order(loader.take(1), 0).length);
        assertEquals(2, order(loader.take(9), 0).length % 7, "the short last batch");
    }

    private static double[] order(DataLoader loader, int epoch) {
        List<Double> rows = new ArrayList<>();
        for (Iterator<Batch> it = loader.epoch(epoch); it.hasNext();) {
            for (double v : it.next().x().toArray()) {
                rows.add(v);
            }
        }
        return rows.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void badRowsAreNamedOrSkippedInEveryEpoch() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "label,a\n0,1\n1,x\n1,3\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataLoader.csvStream(file, CsvOptions.create()));
        assertTrue(e.getMessage().contains("bad.csv, line 3, column 2: in column 'a', \"x\" is not a number"), e.getMessage());
        DataLoader skipping = DataLoader.csvStream(file, CsvOptions.create().skipBadRows()).batchSize(5);
        assertEquals(2, skipping.size());
        assertArrayEquals(new double[] {1, 3}, skipping.epoch(0).next().x().toArray());
        assertArrayEquals(new double[] {1, 3}, skipping.epoch(1).next().x().toArray());
        IllegalArgumentException buffer = assertThrows(IllegalArgumentException.class, () -> skipping.shuffleBuffer(0));
        assertEquals("DataLoader.shuffleBuffer must be at least 1. Received: 0", buffer.getMessage());
    }
}
