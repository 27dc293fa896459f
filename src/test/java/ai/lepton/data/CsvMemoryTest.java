package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the heap needed to read an MNIST-sized CSV (60,000 rows of a label and 784 pixels),
 * generated in a temporary folder. It takes about fifteen seconds, so it runs only when asked:
 * {@code mvn -o test -Dtest=CsvMemoryTest -Dlepton.memory=true}.
 *
 * <p>The peak is read from the heap pools' peak usage after a GC, so it includes garbage not yet
 * collected: an upper bound of what the reader needs.
 */
@EnabledIfSystemProperty(named = "lepton.memory", matches = "true")
class CsvMemoryTest {
    private static final Logger LOG = LoggerFactory.getLogger(CsvMemoryTest.class);
    private static final int ROWS = 60_000;
    private static final int PIXELS = 784;
    private static final double MAX_RATIO = 2.0;
    private static final double MB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void readingSixtyThousandRowsNeedsAtMostTwiceTheResultingArrays() throws IOException {
        Path file = dir.resolve("mnist-sized.csv");
        write(file);
        long resultBytes = (long) ROWS * (PIXELS + 1) * Double.BYTES;

        List<MemoryPoolMXBean> heap = heapPools();
        System.gc();
        long before = used(heap);
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        Dataset d = Csv.read(file, CsvOptions.create().divideBy(255).reshape(28, 28, 1));
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() - before;

        assertArrayEquals(new int[] {ROWS, 28, 28, 1}, d.x().shape());
        double ratio = peak / (double) resultBytes;
        LOG.info("CSV {} MB, {} rows x {} columns: read in {} s; result {} MB; peak heap {} MB above the baseline = {}x",
                String.format("%.0f", Files.size(file) / MB), ROWS, PIXELS + 1, String.format("%.2f", seconds),
                String.format("%.0f", resultBytes / MB), String.format("%.0f", peak / MB), String.format("%.2f", ratio));
        assertTrue(ratio <= MAX_RATIO, "peak " + peak + " bytes is " + ratio + " times the result");
    }

    @Test
    void fashionMnistTrainingSetLoadTime() {
        Path fashion = IdxTest.FASHION;
        Assumptions.assumeTrue(fashion != null, IdxTest.NO_FASHION);
        List<MemoryPoolMXBean> heap = heapPools();
        System.gc();
        long before = used(heap);
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        Dataset d = Idx.read(fashion.resolve("train-images-idx3-ubyte.gz"), fashion.resolve("train-labels-idx1-ubyte.gz"));
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() - before;
        long resultBytes = d.inputBytes() + (long) d.y().size() * Double.BYTES;
        LOG.info("Fashion-MNIST train IDX (gzipped): {} images read in {} s; result {} MB; peak heap {} MB = {}x",
                d.size(), String.format("%.2f", seconds), String.format("%.0f", resultBytes / MB),
                String.format("%.0f", peak / MB), String.format("%.2f", peak / (double) resultBytes));
        assertTrue(peak <= MAX_RATIO * resultBytes, "peak " + peak + " bytes");
    }

    /** Writes a label 0..9 and 784 pseudo-random pixels 0..255 per row, about 170 MB. */
    private static void write(Path file) throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < ROWS; i++) {
                line.setLength(0);
                line.append(i % 10);
                for (int j = 0; j < PIXELS; j++) {
                    line.append(',').append(random.nextInt(256));
                }
                out.write(line.append('\n').toString());
            }
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static long used(List<MemoryPoolMXBean> pools) {
        return pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }
}
