package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    /** The Fashion-MNIST files, where a local copy exists (.ci/run installs Debian's dataset-fashion-mnist). */
    static final Path FASHION = Datasets.localCopy("fashion-mnist").orElse(null);
    static final String NO_FASHION = "no local copy of Fashion-MNIST: install dataset-fashion-mnist or set LEPTON_DATASETS";

    @TempDir
    Path dir;

    @Test
    void dimensionsWhoseProductOverflowsALongAreAnErrorNamingTheFile() throws IOException {
        // 65280 * 100663296 * 67108864 wraps a long to a negative number: found by DataLoadFuzzTest.
        Path file = IdxFiles.write(dir.resolve("wrap.idx"),
                IdxFiles.bytes(Idx.IMAGES_MAGIC, new int[] {65_280, 100_663_296, 67_108_864}, new byte[4]), false);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.images(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains("more than one Java array can hold"), e.getMessage());
    }

    @Test
    void readsPlainAndGzippedImagesAlike() throws IOException {
        Tensor plain = Idx.images(IdxFiles.images(dir.resolve("a.idx"), 3, 2, 4, false), 1);
        Tensor gzip = Idx.images(IdxFiles.images(dir.resolve("a.idx.gz"), 3, 2, 4, true), 1);
        assertArrayEquals(new int[] {3, 2, 4, 1}, plain.shape());
        assertArrayEquals(plain.toArray(), gzip.toArray());
        assertEquals((2 * 31 + 5 * 7) % 256, plain.get(2, 1, 1, 0));
    }

    @Test
    void imagesAreScaledToUnitRangeByDefault() throws IOException {
        Path file = IdxFiles.images(dir.resolve("a.idx"), 2, 3, 3, false);
        double[] raw = Idx.images(file, 1).toArray();
        double[] scaled = Idx.images(file).toArray();
        for (int i = 0; i < raw.length; i++) {
            assertEquals(raw[i] / 255, scaled[i]);
        }
    }

    @Test
    void bytesAreUnsigned() throws IOException {
        Path file = IdxFiles.write(dir.resolve("l.idx"),
                IdxFiles.bytes(Idx.LABELS_MAGIC, new int[] {2}, new byte[] {(byte) 200, 7}), false);
        assertArrayEquals(new double[] {200, 7}, Idx.labels(file).toArray());
    }

    @Test
    void readPairsImagesWithLabels() throws IOException {
        Dataset d = Idx.read(IdxFiles.images(dir.resolve("i.gz"), 5, 2, 2, true), IdxFiles.labels(dir.resolve("l.gz"), 5, 3, true));
        assertEquals(5, d.size());
        assertArrayEquals(new double[] {0, 1, 2, 0, 1}, d.y().toArray());
        assertEquals(5, DataLoader.idx(dir.resolve("i.gz"), dir.resolve("l.gz")).size());
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Path images = IdxFiles.images(dir.resolve("i.idx"), 5, 2, 2, false);
        Path labels = IdxFiles.labels(dir.resolve("l.idx"), 4, 3, false);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.read(images, labels));
        assertTrue(e.getMessage().contains("4 labels") && e.getMessage().contains("5 images"), e.getMessage());
    }

    @Test
    void wrongMagicNumberIsNamedAndExplained() throws IOException {
        Path labels = IdxFiles.labels(dir.resolve("l.idx"), 4, 3, false);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.images(labels));
        assertEquals(labels, e.file());
        assertTrue(e.getMessage().contains("0x00000801 (this is an IDX labels file), expected 0x00000803"),
                e.getMessage());
        Path text = IdxFiles.write(dir.resolve("t.idx"), "hello world, not idx".getBytes(), false);
        assertThrows(DataFormatException.class, () -> Idx.labels(text));
    }

    @Test
    void aSixteenByteFileClaimingTwoHundredMillionImagesFailsBeforeAllocating() throws IOException {
        Path file = IdxFiles.write(dir.resolve("bomb.idx"),
                IdxFiles.bytes(Idx.IMAGES_MAGIC, new int[] {200_000_000, 3, 3}, new byte[0]), false);
        assertEquals(16, Files.size(file));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.images(file));
        assertTrue(e.getMessage().contains("promises 1800000000 data bytes") && e.getMessage().contains("16 bytes"),
                e.getMessage());
        Path labels = IdxFiles.write(dir.resolve("bomb-labels.idx"),
                IdxFiles.bytes(Idx.LABELS_MAGIC, new int[] {200_000_000}, new byte[0]), false);
        assertThrows(DataFormatException.class, () -> Idx.labels(labels));
    }

    @Test
    void aGzippedFileClaimingMoreThanItHoldsIsTruncatedNotAnOutOfMemoryError() throws IOException {
        byte[] noise = new byte[5000];
        new Random(7).nextBytes(noise);
        Path file = IdxFiles.write(dir.resolve("short.idx.gz"),
                IdxFiles.bytes(Idx.IMAGES_MAGIC, new int[] {40_000, 10, 10}, noise), true);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.images(file));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("ends after 5000"), e.getMessage());
    }

    @Test
    void truncatedBodyIsReportedWithCounts() throws IOException {
        byte[] full = Files.readAllBytes(IdxFiles.images(dir.resolve("a.idx"), 2, 3, 3, false));
        Path cut = IdxFiles.write(dir.resolve("cut.idx"), Arrays.copyOf(full, full.length - 5), false);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.images(cut));
        assertTrue(e.getMessage().contains("cut.idx: truncated: the header promises 18 data bytes")
                && e.getMessage().contains("ends after 13"), e.getMessage());
        Path header = IdxFiles.write(dir.resolve("header.idx"), Arrays.copyOf(full, 10), false);
        assertThrows(DataFormatException.class, () -> Idx.images(header));
    }

    @Test
    void truncatedGzipIsReported() throws IOException {
        byte[] gz = Files.readAllBytes(IdxFiles.images(dir.resolve("a.gz"), 20, 10, 10, true));
        Path cut = IdxFiles.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2), false);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.images(cut));
        assertEquals(cut, e.file());
    }

    @Test
    void missingFileIsNamed() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.labels(dir.resolve("none.gz")));
        assertTrue(e.getMessage().endsWith("none.gz: no such file"), e.getMessage());
    }

    @Test
    void readsFashionMnistTestSet() {
        Assumptions.assumeTrue(FASHION != null, NO_FASHION);
        Dataset d = Idx.read(FASHION.resolve("t10k-images-idx3-ubyte.gz"), FASHION.resolve("t10k-labels-idx1-ubyte.gz"));
        assertArrayEquals(new int[] {10000, 28, 28, 1}, d.x().shape());
        assertEquals(10, d.numClasses());
        int[] counts = new int[10];
        for (double v : d.y().toArray()) {
            counts[(int) v]++;
        }
        int[] thousand = new int[10];
        Arrays.fill(thousand, 1000);
        assertArrayEquals(thousand, counts);
        double[] x = d.x().toArray();
        assertEquals(1.0, Arrays.stream(x).max().orElseThrow());
        assertEquals(0.0, Arrays.stream(x).min().orElseThrow());
    }
}
