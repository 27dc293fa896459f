package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Datasets keep pixels as bytes (IDX, {@link Datasets}) or floats (image folders) and make
 * float64 only per batch: the batches are the same numbers as from float64 tensors, and the
 * 60,000 Fashion-MNIST training images stay within 60 MB of heap (376 MB as float64).
 */
class CompactStorageTest {
    private static final Logger LOG = LoggerFactory.getLogger(CompactStorageTest.class);
    private static final long MAX_FASHION_HEAP = 60L << 20;
    private static final double MB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void byteBatchesEqualTheFloat64Batches() throws IOException {
        Path images = IdxFiles.images(dir.resolve("i.gz"), 11, 3, 4, true);
        Path labels = IdxFiles.labels(dir.resolve("l.gz"), 11, 5, true);
        Dataset compact = Idx.read(images, labels);
        Dataset doubles = Dataset.of(Idx.images(images), Idx.labels(labels));
        assertEquals(11 * 3 * 4, compact.inputBytes());
        assertEquals(8 * 11 * 3 * 4, doubles.inputBytes());
        Iterator<Batch> a = DataLoader.of(compact, 4).shuffle(3).epoch(2);
        Iterator<Batch> b = DataLoader.of(doubles, 4).shuffle(3).epoch(2);
        while (a.hasNext()) {
            Batch x = a.next();
            Batch y = b.next();
            assertArrayEquals(y.x().toArray(), x.x().toArray());
            assertArrayEquals(y.y().toArray(), x.y().toArray());
        }
        Dataset part = compact.select(7, 2, 2);
        assertEquals(3 * 3 * 4, part.inputBytes(), "a selection stays bytes");
        Tensor rows = Dataset.rows(doubles.x(), new int[] {7, 2, 2});
        assertArrayEquals(rows.toArray(), part.x().toArray());
    }

    @Test
    void sixtyThousandFashionMnistImagesTakeAtMostSixtyMegabytes() {
        Assumptions.assumeTrue(IdxTest.FASHION != null, IdxTest.NO_FASHION);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        Dataset train = Datasets.fashionMnist().train();
        System.gc();
        long retained = memory.getHeapMemoryUsage().getUsed() - before;
        long asDoubles = 8L * train.size() * 28 * 28;
        LOG.info("Fashion-MNIST train: {} images hold {} MB of heap (pixels {} MB as bytes; {} MB as float64)",
                train.size(), String.format("%.1f", retained / MB), String.format("%.1f", train.inputBytes() / MB),
                String.format("%.1f", asDoubles / MB));
        assertEquals(60_000, train.size());
        assertEquals(60_000L * 28 * 28, train.inputBytes());
        assertTrue(retained <= MAX_FASHION_HEAP, "retained " + retained + " bytes");
    }
}
