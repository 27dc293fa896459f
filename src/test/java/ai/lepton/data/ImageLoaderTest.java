package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DataLoader#images(Path, ImageOptions)}: a folder of class folders streamed as Keras's
 * {@code image_dataset_from_directory} streams it, and the errors that name the file at fault.
 */
class ImageLoaderTest {
    @TempDir
    Path dir;

    /** Saves a gray image whose pixel {@code (y, x)} is {@code (base + y * w + x) / 255}. */
    private Path gray(String className, String name, int base, int h, int w) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(className));
        double[] v = new double[h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = (base + i) / 255.0;
        }
        Path file = folder.resolve(name);
        Images.save(Tensor.of(v, h, w, 1), file);
        return file;
    }

    private void tenImages() throws IOException {
        for (int i = 0; i < 10; i++) {
            gray(i % 2 == 0 ? "even" : "odd", i + ".png", 10 * i, 2, 2);
        }
    }

    private static List<double[]> xs(DataLoader loader, int epoch) {
        List<double[]> out = new ArrayList<>();
        for (Iterator<Batch> it = loader.epoch(epoch); it.hasNext();) {
            out.add(it.next().x().toArray());
        }
        return out;
    }

    @Test
    void streamsTheSameBatchesAsTheFolderReadIntoMemory() throws IOException {
        tenImages();
        ImageOptions options = ImageOptions.create().colorMode("grayscale").shuffle(false).batchSize(4);
        DataLoader stream = DataLoader.images(dir, options);
        Dataset memory = ImageFolder.read(dir, options);
        assertEquals(List.of("even", "odd"), stream.classNames());
        assertEquals(3, stream.numBatches());
        assertTrue(!stream.inMemory());
        Iterator<Batch> a = stream.epoch(0);
        Iterator<Batch> b = DataLoader.of(memory, 4).epoch(0);
        while (b.hasNext()) {
            Batch s = a.next();
            Batch m = b.next();
            assertArrayEquals(m.x().toArray(), s.x().toArray());
            assertArrayEquals(m.y().toArray(), s.y().toArray());
        }
        assertArrayEquals(new int[] {2, 2, 2, 1}, memory.select(0, 1).x().shape());
    }

    @Test
    void shuffledEpochsRepeatWithTheSeedAndPrefetchOrCacheChangeNothing() throws IOException {
        tenImages();
        ImageOptions options = ImageOptions.create().colorMode("grayscale").batchSize(3).seed(7);
        List<double[]> plain = xs(DataLoader.images(dir, options).prefetch(0), 1);
        List<double[]> prefetched = xs(DataLoader.images(dir, options).prefetch(3), 1);
        DataLoader cached = DataLoader.images(dir, options).cache();
        xs(cached, 0);
        List<double[]> fromCache = xs(cached, 1);
        assertEquals(plain.size(), prefetched.size());
        for (int i = 0; i < plain.size(); i++) {
            assertArrayEquals(plain.get(i), prefetched.get(i));
            assertArrayEquals(plain.get(i), fromCache.get(i));
        }
        List<double[]> epoch0 = xs(DataLoader.images(dir, options), 0);
        assertTrue(!Arrays.equals(epoch0.get(0), plain.get(0)) || !Arrays.equals(epoch0.get(1), plain.get(1)),
                "epochs 0 and 1 are in different orders");
    }

    @Test
    void labelModesAreKerass() throws IOException {
        tenImages();
        ImageOptions options = ImageOptions.create().colorMode("grayscale").shuffle(false).batchSize(10);
        assertArrayEquals(new int[] {10}, DataLoader.images(dir, options).epoch(0).next().y().shape());
        Tensor categorical = DataLoader.images(dir, options.labelMode("categorical")).epoch(0).next().y();
        assertArrayEquals(new int[] {10, 2}, categorical.shape());
        assertArrayEquals(new double[] {1, 0}, Arrays.copyOf(categorical.toArray(), 2));
        Tensor binary = DataLoader.images(dir, options.labelMode("binary")).epoch(0).next().y();
        assertArrayEquals(new int[] {10, 1}, binary.shape());
        assertEquals(5, Arrays.stream(binary.toArray()).sum());
        gray("third", "x.png", 0, 2, 2);
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataLoader.images(dir, options));
        assertTrue(e.getMessage().contains("labelMode \"binary\" needs exactly 2 class folders, found 3"), e.getMessage());
    }

    @Test
    void colorModesImageSizeInterpolationAndCrop() throws IOException {
        BufferedImage rgba = new BufferedImage(4, 2, BufferedImage.TYPE_INT_ARGB);
        for (int x = 0; x < 4; x++) {
            for (int y = 0; y < 2; y++) {
                rgba.setRGB(x, y, (100 + x) << 24 | (10 * x) << 16 | 20 << 8 | (y + 1));
            }
        }
        Files.createDirectories(dir.resolve("only"));
        ImageIO.write(rgba, "png", dir.resolve("only/a.png").toFile());
        ImageOptions base = ImageOptions.create().shuffle(false).divideBy(1);
        Tensor four = DataLoader.images(dir, base.colorMode("rgba")).epoch(0).next().x();
        assertArrayEquals(new int[] {1, 2, 4, 4}, four.shape());
        assertArrayEquals(new double[] {0, 20, 1, 100, 10, 20, 1, 101}, Arrays.copyOf(four.toArray(), 8));
        Tensor nearest = DataLoader.images(dir, base.colorMode("rgb").imageSize(1, 2).interpolation("nearest"))
                .epoch(0).next().x();
        // Half-pixel centres: output x 0 and 1 sample source x 1 and 3, output y 0 samples row 1.
        assertArrayEquals(new double[] {10, 20, 2, 30, 20, 2}, nearest.toArray());
        Tensor cropped = DataLoader.images(dir, base.colorMode("rgb").imageSize(2, 2).cropToAspectRatio(true))
                .epoch(0).next().x();
        // The centred 2x2 window of the 2x4 image: columns 1 and 2, kept as they are.
        assertArrayEquals(new double[] {10, 20, 1, 20, 20, 1, 10, 20, 2, 20, 20, 2}, cropped.toArray());
    }

    @Test
    void validationSplitGivesDisjointSubsetsTheSameWayEachTime() throws IOException {
        for (int i = 0; i < 20; i++) {
            gray(i < 12 ? "cat" : "dog", i + ".png", i, 1, 1);
        }
        ImageOptions options = ImageOptions.create().colorMode("grayscale").validationSplit(0.25).seed(1337).batchSize(50);
        DataLoader train = DataLoader.images(dir, options.subset("training"));
        DataLoader val = DataLoader.images(dir, options.subset("validation"));
        assertEquals(15, train.size());
        assertEquals(5, val.size());
        Set<Double> seen = new HashSet<>();
        for (double v : train.dataset().x().toArray()) {
            seen.add(v);
        }
        for (double v : val.dataset().x().toArray()) {
            assertTrue(seen.add(v), "image " + v * 255 + " is in both subsets");
        }
        assertEquals(20, seen.size());
        double[] again = DataLoader.images(dir, options.subset("validation")).dataset().x().toArray();
        assertArrayEquals(val.dataset().x().toArray(), again);
        IllegalArgumentException noSeed = assertThrows(IllegalArgumentException.class,
                () -> DataLoader.images(dir, ImageOptions.create().validationSplit(0.2).subset("training")));
        assertTrue(noSeed.getMessage().contains("give a seed"), noSeed.getMessage());
        IllegalArgumentException noSubset = assertThrows(IllegalArgumentException.class,
                () -> DataLoader.images(dir, ImageOptions.create().validationSplit(0.2).seed(1)));
        assertTrue(noSubset.getMessage().contains("needs subset(\"training\") or subset(\"validation\")"), noSubset.getMessage());
    }

    @Test
    void hiddenFilesAndFoldersAndSymbolicLinksAreSkipped() throws IOException {
        gray("a", "1.png", 0, 1, 1);
        gray("a", ".hidden.png", 0, 1, 1);
        gray("a/.thumbs", "2.png", 0, 1, 1);
        gray(".git", "3.png", 0, 1, 1);
        Path outside = Files.createTempDirectory("lepton-links");
        try {
            Images.save(Tensor.of(new double[] {1}, 1, 1, 1), outside.resolve("4.png"));
            Files.createSymbolicLink(dir.resolve("a/link.png"), outside.resolve("4.png"));
            Files.createSymbolicLink(dir.resolve("linked"), outside);
            DataLoader plain = DataLoader.images(dir, ImageOptions.create().shuffle(false));
            assertEquals(List.of("a"), plain.classNames());
            assertEquals(1, plain.size(), "only a/1.png: no hidden file or folder, no link");
            DataLoader following = DataLoader.images(dir, ImageOptions.create().shuffle(false).followLinks(true));
            assertEquals(List.of("a", "linked"), following.classNames());
            assertEquals(3, following.size(), "a/1.png, a/link.png and linked/4.png");
        } finally {
            Files.delete(outside.resolve("4.png"));
            Files.delete(outside);
        }
    }

    @Test
    void aTruncatedJpegFailsNamingTheFile() throws IOException {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 64; i++) {
            image.setRGB(i, i, 0xff8040);
        }
        Path folder = Files.createDirectories(dir.resolve("c"));
        Path whole = folder.resolve("whole.jpg");
        ImageIO.write(image, "jpeg", whole.toFile());
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = folder.resolve("cut.jpg");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        DataLoader loader = DataLoader.images(dir, ImageOptions.create().shuffle(false).batchSize(1).imageSize(8, 8));
        Iterator<Batch> batches = loader.epoch(0);
        DataFormatException e = assertThrows(DataFormatException.class, batches::next);
        assertEquals(cut, e.file());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aHeaderDeclaringTooManyPixelsIsRefusedBeforeDecoding() throws IOException {
        Path big = gray("a", "big.png", 0, 40, 50);
        DataLoader loader = DataLoader.images(dir, ImageOptions.create().imageSize(4, 4).maxPixels(1999));
        DataFormatException e = assertThrows(DataFormatException.class, () -> loader.epoch(0).next());
        assertEquals(big, e.file());
        assertTrue(e.getMessage().contains("declares 50x40 = 2000 pixels, more than the limit of 1999"), e.getMessage());
    }

    @Test
    void anEmptyClassFolderAndOversizedImagesAreNamed() throws IOException {
        gray("a", "1.png", 0, 1, 1);
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("b/notes.txt"), "no image here");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataLoader.images(dir));
        assertEquals(dir.resolve("b"), e.file());
        assertTrue(e.getMessage().contains("the class folder 'b' has no images"), e.getMessage());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> ImageOptions.create().imageSize(50_000, 50_000));
        assertTrue(huge.getMessage().startsWith("ImageOptions.imageSize: 50000x50000 pixels"), huge.getMessage());
        Files.delete(dir.resolve("b/notes.txt"));
        Files.delete(dir.resolve("b"));
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> DataLoader.images(dir, ImageOptions.create().imageSize(10_000, 10_000).batchSize(32)));
        assertTrue(batch.getMessage().contains("lower batchSize or imageSize"), batch.getMessage());
    }
}
