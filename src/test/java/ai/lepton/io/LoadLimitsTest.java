package ai.lepton.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.io.keras.KerasModelFile;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading allocates what a file declares once, after checking it against the heap, the settable
 * bound and the compression ratio: a small file cannot exhaust memory. Memory is measured as the
 * bytes the loading thread allocates, a count that does not depend on timing or the collector.
 */
class LoadLimitsTest {
    /** 512 MiB of declared data, the size of the hostile file of issue 22. */
    private static final long BOMB_BYTES = 512L << 20;
    /** What refusing such a file may allocate: the zip's bookkeeping, far below the declared size. */
    private static final long REFUSAL_ALLOCATION = 16L << 20;
    /** Reading an array may allocate its values once plus buffers and the zip's bookkeeping. */
    private static final double READ_OVERHEAD = 1.25;

    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        System.clearProperty(LoadLimits.MAX_BYTES_PROPERTY);
        System.clearProperty(LoadLimits.MAX_RATIO_PROPERTY);
    }

    @Test
    void aSmallFileDeclaringHalfAGigabyteOfZerosIsRefusedBeforeAllocating() throws IOException {
        Path file = dir.resolve("bomb.lepton");
        String json = "{\"format_version\":2,\"arrays\":[{\"name\":\"dense/kernel\",\"shape\":[" + BOMB_BYTES / Double.BYTES
                + "],\"entry\":\"arrays/0.f64\"}],\"model\":{}}";
        writeZip(file, json, "model.json", "arrays/0.f64", BOMB_BYTES);
        assertTrue(Files.size(file) < 600_000, "the file is small: " + Files.size(file));
        ModelFormatException e = allocatingAtMost(REFUSAL_ALLOCATION,
                () -> assertThrows(ModelFormatException.class, () -> ModelArchive.read(file)));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("ratio above 100:1")
                && e.getMessage().contains(LoadLimits.MAX_RATIO_PROPERTY), e.getMessage());
    }

    @Test
    void aKerasFileDeclaringHalfAGigabyteOfZerosIsRefusedBeforeAllocating() throws IOException {
        Path file = dir.resolve("bomb.keras");
        writeZip(file, "{\"class_name\":\"Sequential\",\"config\":{}}", "config.json", "model.weights.h5", BOMB_BYTES);
        ModelFormatException e = allocatingAtMost(REFUSAL_ALLOCATION,
                () -> assertThrows(ModelFormatException.class, () -> KerasModelFile.read(file)));
        assertTrue(e.getMessage().contains("'model.weights.h5'") && e.getMessage().contains("ratio above"), e.getMessage());
    }

    @Test
    void readingAnArrayAllocatesItsDeclaredSizeOnce() throws IOException {
        int count = 4 << 20; // 32 MiB of doubles that do not compress
        double[] values = new SplittableRandom(3).doubles(count).toArray();
        Path file = dir.resolve("big.lepton");
        ModelArchive.write(file, new com.google.gson.JsonObject(), List.of(new NamedArray("w", new int[] {count}, values)));
        values = null;
        long declared = (long) count * Double.BYTES;
        ModelArchive archive = allocatingAtMost((long) (READ_OVERHEAD * declared), () -> ModelArchive.read(file));
        assertEquals(count, archive.array("w").values().length);
    }

    @Test
    void theSystemPropertyBoundsWhatALoadMayAllocate() {
        Path file = dir.resolve("m.lepton");
        ModelArchive.write(file, new com.google.gson.JsonObject(),
                List.of(new NamedArray("w", new int[] {1 << 18}, new SplittableRandom(1).doubles(1 << 18).toArray())));
        System.setProperty(LoadLimits.MAX_BYTES_PROPERTY, String.valueOf(1 << 20));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelArchive.read(file));
        assertTrue(e.getMessage().contains("declares 2097152 bytes") && e.getMessage().contains("1048576 bytes")
                && e.getMessage().contains(LoadLimits.MAX_BYTES_PROPERTY), e.getMessage());
        System.setProperty(LoadLimits.MAX_BYTES_PROPERTY, String.valueOf(4 << 20));
        assertEquals(1 << 18, ModelArchive.read(file).array("w").values().length);
    }

    @Test
    void theBoundIsAtMostHalfTheHeap() {
        System.setProperty(LoadLimits.MAX_BYTES_PROPERTY, String.valueOf(Long.MAX_VALUE));
        assertEquals(Runtime.getRuntime().maxMemory() / 2, LoadLimits.maxBytes());
        System.clearProperty(LoadLimits.MAX_BYTES_PROPERTY);
        assertEquals(Math.min(LoadLimits.DEFAULT_MAX_BYTES, Runtime.getRuntime().maxMemory() / 2), LoadLimits.maxBytes());
    }

    @Test
    void aMalformedPropertyIsNamed() {
        System.setProperty(LoadLimits.MAX_RATIO_PROPERTY, "lots");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, LoadLimits::maxRatio);
        assertTrue(e.getMessage().contains(LoadLimits.MAX_RATIO_PROPERTY) && e.getMessage().contains("lots"), e.getMessage());
    }

    /** Writes a zip of a JSON entry and an entry of {@code zeros} zero bytes, compressed as far as deflate goes. */
    private static void writeZip(Path file, String json, String jsonName, String dataName, long zeros) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry(jsonName));
            zip.write(json.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(dataName));
            byte[] chunk = new byte[1 << 20];
            for (long written = 0; written < zeros; written += chunk.length) {
                zip.write(chunk);
            }
            zip.closeEntry();
        }
    }

    private static <T> T allocatingAtMost(long bytes, Supplier<T> action) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        T result = action.get();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated <= bytes, "allocated " + allocated + " bytes, more than " + bytes);
        return result;
    }
}
