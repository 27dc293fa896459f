package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates valid data files (seeded, so every run tries the same mutants) and reads them with the
 * data loaders: a CSV through {@link DataLoader#csv(Path, CsvOptions)} and the streaming
 * {@link DataLoader#csvStream(Path, CsvOptions)} (a whole epoch), PNG and JPEG files in an image
 * folder through {@link DataLoader#images(Path, ImageOptions)} (a whole epoch, decoded on
 * background threads), IDX files through {@link Idx} and text folders through
 * {@link TextFolder#textDatasetFromDirectory}. Each mutant flips, truncates, inserts or duplicates
 * bytes, or writes a huge number, a quote, NUL or invalid UTF-8 into the file. Every read either
 * succeeds or throws {@link DataFormatException} naming the file, on the thread that asked for the
 * data; nothing else (no {@code ArrayIndexOutOfBoundsException}, {@code NegativeArraySizeException},
 * {@code NullPointerException}, {@code OutOfMemoryError}) and no hang: each test runs on its own
 * thread under a time limit. The class runs in a few seconds; {@code -Dlepton.fuzz.scale=10} runs
 * ten times as many mutations.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DataLoadFuzzTest {
    private static final long SEED = 20_261_203L;
    private static final int SCALE = Integer.getInteger("lepton.fuzz.scale", 1);
    private static final int CSV_MUTATIONS = 800 * SCALE;
    private static final int IMAGE_MUTATIONS = 400 * SCALE;
    private static final int IDX_MUTATIONS = 800 * SCALE;
    private static final int TEXT_MUTATIONS = 300 * SCALE;
    private static final String[] KINDS = {
        "flip bytes", "truncate", "insert bytes", "duplicate a slice", "huge number", "quote", "NUL", "invalid UTF-8"};
    /** Numbers written into text files: out of range, not finite, or outside the strict decimal grammar. */
    private static final String[] HUGE_TEXT = {
        "99999999999999999999999999", "1e309", "-1e400", "2147483648", "-2147483649", "9223372036854775808",
        "NaN", "Infinity", "1f", "0x1p3", "4.9e-325"};
    /** Numbers written into binary headers, big-endian: sizes that overflow or go negative. */
    private static final int[] HUGE_BINARY = {
        Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0xffff, 0x10000, 200_000_000};

    @TempDir
    Path dir;

    /** Outcomes per mutation kind and the traces of reads that ended in an undocumented way. */
    private static final class Tally {
        final String name;
        final Map<String, int[]> byKind = new TreeMap<>();
        final List<String> failures = new ArrayList<>();
        int total;

        Tally(String name) {
            this.name = name;
        }

        /** Runs one read; a {@link DataFormatException} must name the file (or folder) given. */
        void run(int i, String kind, Path named, Runnable read) {
            total++;
            int[] counts = byKind.computeIfAbsent(kind, k -> new int[2]);
            try {
                read.run();
                counts[0]++;
            } catch (DataFormatException e) {
                counts[1]++;
                if (!e.getMessage().contains(named.toString())) {
                    failures.add("mutation " + i + " (" + kind + "): the message does not name " + named + ": "
                            + e.getMessage());
                }
            } catch (Throwable t) {
                StringWriter trace = new StringWriter();
                t.printStackTrace(new PrintWriter(trace));
                failures.add("mutation " + i + " (" + kind + "): " + trace);
            }
        }

        void check(int minRejected) {
            Map<String, String> report = new LinkedHashMap<>();
            int rejected = 0;
            for (Map.Entry<String, int[]> e : byKind.entrySet()) {
                report.put(e.getKey(), e.getValue()[0] + " read, " + e.getValue()[1] + " rejected");
                rejected += e.getValue()[1];
            }
            System.out.printf("%s fuzz: %d mutations, seed %d: %s%n", name, total, SEED, report);
            assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())), failures.size() + " mutations failed");
            assertTrue(rejected >= minRejected, name + ": too few mutants were rejected, the mutations miss: " + report);
            assertTrue(rejected < total, name + ": no mutant was read, the valid file may be broken: " + report);
        }
    }

    static byte[] mutate(byte[] valid, Random random, String kind, boolean binary) {
        byte[] b = valid.clone();
        int at = random.nextInt(b.length);
        return switch (kind) {
            case "flip bytes" -> {
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                yield b;
            }
            case "truncate" -> Arrays.copyOf(b, random.nextInt(b.length));
            case "insert bytes" -> {
                byte[] junk = new byte[1 + random.nextInt(8)];
                random.nextBytes(junk);
                yield insert(b, at, junk);
            }
            case "duplicate a slice" -> {
                int length = 1 + random.nextInt(Math.min(64, b.length - at));
                yield insert(b, at, Arrays.copyOfRange(b, at, at + length));
            }
            case "huge number" -> {
                if (!binary) {
                    yield insert(b, at, HUGE_TEXT[random.nextInt(HUGE_TEXT.length)].getBytes(StandardCharsets.US_ASCII));
                }
                int value = HUGE_BINARY[random.nextInt(HUGE_BINARY.length)];
                // Headers hold the sizes: half the numbers land in the first 32 bytes.
                int where = random.nextBoolean() ? random.nextInt(Math.min(32, b.length)) : at;
                for (int k = 0; k < 4 && where + k < b.length; k++) {
                    b[where + k] = (byte) (value >>> (24 - 8 * k));
                }
                yield b;
            }
            case "quote" -> insert(b, at, new byte[] {'"'});
            case "NUL" -> {
                if (random.nextBoolean()) {
                    b[at] = 0;
                    yield b;
                }
                yield insert(b, at, new byte[1]);
            }
            case "invalid UTF-8" -> insert(b, at, random.nextBoolean()
                    ? new byte[] {(byte) 0xff} : new byte[] {(byte) 0xc3, (byte) 0x28});
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static byte[] insert(byte[] b, int at, byte[] extra) {
        byte[] out = new byte[b.length + extra.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(b, at, out, at + extra.length, b.length - at);
        return out;
    }

    /** Reads every batch of one epoch on this thread. */
    private static int drain(Iterator<Batch> batches) {
        int n = 0;
        while (batches.hasNext()) {
            n += batches.next().x().shape()[0];
        }
        return n;
    }

    @Test
    void everyMutatedCsvReadsOrIsADataFormatExceptionInMemoryAndStreamed() throws IOException {
        StringBuilder csv = new StringBuilder("label,a,b,c\n");
        for (int i = 0; i < 12; i++) {
            csv.append(i % 3).append(',').append(i * 0.5).append(',').append(-i).append(",\"").append(i % 4 + 1e-3)
                    .append("\"\n");
        }
        byte[] valid = csv.toString().getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("mutant.csv");
        Random random = new Random(SEED);
        Tally memory = new Tally("DataLoader.csv");
        Tally stream = new Tally("DataLoader.csvStream");
        for (int i = 0; i < CSV_MUTATIONS; i++) {
            String kind = KINDS[i % KINDS.length];
            Files.write(file, mutate(valid, random, kind, false));
            long seed = i;
            memory.run(i, kind, file, () -> drain(DataLoader.csv(file, CsvOptions.create()).batchSize(5).iterator()));
            stream.run(i, kind, file,
                    () -> drain(DataLoader.csvStream(file, CsvOptions.create()).batchSize(5).shuffle(seed).iterator()));
        }
        memory.check(CSV_MUTATIONS / 4);
        stream.check(CSV_MUTATIONS / 4);
    }

    @Test
    void everyMutatedPngOrJpegInAFolderReadsOrFailsItsBatchWithADataFormatException() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            BufferedImage image = new BufferedImage(12, 10, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 12; x++) {
                    image.setRGB(x, y, (x * 20 + i * 40) << 16 | y * 25 << 8 | (x + y) * 10);
                }
            }
            Path folder = Files.createDirectories(dir.resolve("images").resolve(i % 2 == 0 ? "cat" : "dog"));
            String format = i < 2 ? "png" : "jpeg";
            Path file = folder.resolve(i + (i < 2 ? ".png" : ".jpg"));
            assertTrue(ImageIO.write(image, format, file.toFile()), format);
            files.add(file);
        }
        Path root = dir.resolve("images");
        Map<Path, byte[]> valid = new LinkedHashMap<>();
        for (Path f : files) {
            valid.put(f, Files.readAllBytes(f));
        }
        Random random = new Random(SEED);
        Tally png = new Tally("DataLoader.images (PNG)");
        Tally jpeg = new Tally("DataLoader.images (JPEG)");
        for (int i = 0; i < IMAGE_MUTATIONS; i++) {
            String kind = KINDS[i % KINDS.length];
            Path target = files.get(random.nextInt(files.size()));
            Files.write(target, mutate(valid.get(target), random, kind, true));
            ImageOptions options = ImageOptions.create().imageSize(6, 8).batchSize(3).seed(i).maxPixels(1 << 20);
            (target.toString().endsWith(".png") ? png : jpeg).run(i, kind, target,
                    () -> assertEquals(4, drain(DataLoader.images(root, options).iterator())));
            Files.write(target, valid.get(target));
        }
        png.check(IMAGE_MUTATIONS / 8);
        jpeg.check(IMAGE_MUTATIONS / 8);
    }

    @Test
    void everyMutatedIdxFileReadsOrIsADataFormatException() throws IOException {
        Path images = IdxFiles.images(dir.resolve("images.idx"), 6, 4, 3, false);
        Path labels = IdxFiles.labels(dir.resolve("labels.idx"), 6, 3, false);
        Path gzImages = IdxFiles.images(dir.resolve("images.idx.gz"), 6, 4, 3, true);
        Path[] targets = {images, labels, gzImages};
        Map<Path, byte[]> valid = new LinkedHashMap<>();
        for (Path f : targets) {
            valid.put(f, Files.readAllBytes(f));
        }
        Random random = new Random(SEED);
        Tally tally = new Tally("Idx");
        for (int i = 0; i < IDX_MUTATIONS; i++) {
            String kind = KINDS[i % KINDS.length];
            Path target = targets[i % targets.length];
            Files.write(target, mutate(valid.get(target), random, kind, true));
            Path x = target == gzImages ? gzImages : images;
            tally.run(i, kind, target, () -> drain(DataLoader.idx(x, labels).iterator()));
            if (target == labels) {
                tally.run(i, kind, target, () -> Idx.labels(labels));
            } else {
                tally.run(i, kind, target, () -> Idx.images(x, 255));
            }
            Files.write(target, valid.get(target));
        }
        tally.check(IDX_MUTATIONS / 2);
    }

    @Test
    void everyMutatedTextFolderReadsOrIsADataFormatException() throws IOException {
        Path root = dir.resolve("texts");
        List<Path> files = new ArrayList<>();
        String[][] texts = {{"pos", "a great film, \"superb\" ✓"}, {"pos", "lovely"}, {"neg", "awful\nand dull"},
            {"neg", "naïve plot"}};
        for (int i = 0; i < texts.length; i++) {
            Path file = Files.createDirectories(root.resolve(texts[i][0])).resolve(i + ".txt");
            Files.writeString(file, texts[i][1], StandardCharsets.UTF_8);
            files.add(file);
        }
        Random random = new Random(SEED);
        Tally tally = new Tally("TextFolder");
        for (int i = 0; i < TEXT_MUTATIONS; i++) {
            String kind = KINDS[i % KINDS.length];
            Path target = files.get(random.nextInt(files.size()));
            byte[] valid = Files.readAllBytes(target);
            Files.write(target, mutate(valid, random, kind, false));
            TextFolderOptions options = TextFolderOptions.create().seed(i);
            tally.run(i, kind, target, () -> assertEquals(texts.length,
                    TextFolder.textDatasetFromDirectory(root, options).size()));
            Files.write(target, valid);
        }
        tally.check(TEXT_MUTATIONS / 16);
    }
}
