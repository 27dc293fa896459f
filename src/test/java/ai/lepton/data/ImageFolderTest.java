package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ImageFolderTest {
    @TempDir
    Path dir;

    /** Saves a gray image of one value under {@code dir/className/name}. */
    private Path gray(String className, String name, double value, int h, int w) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(className));
        double[] v = new double[h * w];
        Arrays.fill(v, value);
        Path file = folder.resolve(name);
        Images.save(Tensor.of(v, h, w, 1), file);
        return file;
    }

    @Test
    void classesAreSortedFoldersAndFilesAreSortedWithinThem() throws IOException {
        gray("dog", "b.png", 0.4, 2, 2);
        gray("cat", "z.png", 0.2, 2, 2);
        gray("dog", "a.png", 0.6, 2, 2);
        Dataset d = ImageFolder.read(dir, ImageOptions.create().grayscale());
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertArrayEquals(new int[] {3, 2, 2, 1}, d.x().shape());
        assertArrayEquals(new double[] {0, 1, 1}, d.y().toArray());
        assertEquals(0.2, d.x().get(0, 0, 0, 0), 1e-12);
        assertEquals(0.6, d.x().get(1, 0, 0, 0), 1e-12);
        assertEquals(0.4, d.x().get(2, 1, 1, 0), 1e-12);
    }

    @Test
    void logsFoundFilesLikeKeras() throws IOException {
        gray("a", "1.png", 0, 1, 1);
        gray("b", "1.png", 0, 1, 1);
        gray("b", "2.png", 0, 1, 1);
        Logger logger = (Logger) LoggerFactory.getLogger(ImageFolder.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            ImageFolder.read(dir);
        } finally {
            logger.detachAppender(appender);
        }
        assertEquals("Found 3 files belonging to 2 classes.", appender.list.get(0).getFormattedMessage());
    }

    @Test
    void defaultIsRgbInUnitRangeAndDivideByOneKeepsRawValues() throws IOException {
        gray("a", "1.png", 1, 1, 1);
        assertArrayEquals(new double[] {1, 1, 1}, ImageFolder.read(dir).x().toArray());
        assertArrayEquals(new double[] {255, 255, 255}, ImageFolder.read(dir, ImageOptions.create().divideBy(1)).x().toArray());
    }

    @Test
    void mixedSizesWithoutTargetSizeNameTheImage() throws IOException {
        gray("a", "1.png", 0, 4, 4);
        Path odd = gray("b", "2.png", 0, 3, 5);
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolder.read(dir));
        assertEquals(odd, e.file());
        assertTrue(e.getMessage().contains("3x5") && e.getMessage().contains("4x4") && e.getMessage().contains("imageSize"),
                e.getMessage());
    }

    @Test
    void targetSizeResizesMixedSizes() throws IOException {
        gray("a", "1.png", 0.2, 4, 4);
        gray("b", "2.png", 0.8, 3, 5);
        Dataset d = ImageFolder.read(dir, ImageOptions.create().targetSize(2, 2).grayscale());
        assertArrayEquals(new int[] {2, 2, 2, 1}, d.x().shape());
        assertEquals(0.8, d.x().get(1, 1, 1, 0), 1e-12);
    }

    @Test
    void emptyClassFolderIsNamed() throws IOException {
        gray("a", "1.png", 0, 1, 1);
        Files.createDirectories(dir.resolve("empty"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolder.read(dir));
        assertEquals(dir.resolve("empty"), e.file());
        assertTrue(e.getMessage().contains("'empty' has no images"), e.getMessage());
    }

    @Test
    void nonImageFilesAreSkippedButCorruptImagesAreNamed() throws IOException {
        gray("a", "1.png", 0, 1, 1);
        Files.writeString(dir.resolve("a/readme.txt"), "not an image, skipped with a warning");
        assertEquals(1, ImageFolder.read(dir).size());
        Path bad = dir.resolve("a/2.jpg");
        Files.writeString(bad, "not a jpeg");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolder.read(dir));
        assertEquals(bad, e.file());
    }

    @Test
    void givenClassNamesOrderTheClassesAndMustMatchTheFolders() throws IOException {
        gray("cat", "1.png", 0.2, 1, 1);
        gray("dog", "1.png", 0.6, 1, 1);
        Dataset d = ImageFolder.read(dir, ImageOptions.create().classNames("dog", "cat").grayscale());
        assertEquals(List.of("dog", "cat"), d.classNames());
        assertArrayEquals(new double[] {0, 1}, d.y().toArray());
        assertArrayEquals(new double[] {0.6, 0.2}, d.x().toArray(), 1e-12);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> ImageFolder.read(dir, ImageOptions.create().classNames("dog", "bird")));
        assertTrue(e.getMessage().contains("[dog, bird]") && e.getMessage().contains("[cat, dog]"), e.getMessage());
    }

    @Test
    void missingFolderIsNamed() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFolder.read(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope: no such folder"), e.getMessage());
        DataFormatException none = assertThrows(DataFormatException.class, () -> ImageFolder.read(dir));
        assertTrue(none.getMessage().contains("no class folders"), none.getMessage());
    }

    @Test
    void loaderBatchesAFolderAndSplitsWithASeed() throws IOException {
        for (int i = 0; i < 10; i++) {
            gray(i % 2 == 0 ? "even" : "odd", i + ".png", i / 10.0, 2, 2);
        }
        DataLoader loader = DataLoader.images(dir, ImageOptions.create().grayscale()).batchSize(4);
        assertEquals(3, loader.numBatches());
        Split split = loader.dataset().splitStratified(0.2, 42);
        assertEquals(2, split.test().size());
        assertEquals(1, split.test().y().toArray()[0] + split.test().y().toArray()[1]);
    }
}
