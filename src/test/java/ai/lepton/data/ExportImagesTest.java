package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportImagesTest {
    private static final int FASHION_SAMPLES = 300;
    private static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    @TempDir
    Path dir;

    @Test
    void foldersAreNamedByPaddedLabelAndFilesByIndex() throws IOException {
        Path images = IdxFiles.images(dir.resolve("i.idx"), 12, 3, 2, false);
        Path labels = IdxFiles.labels(dir.resolve("l.idx"), 12, 11, false);
        Path out = dir.resolve("out");
        assertEquals(12, ExportImages.toFolders(images, labels, out, List.of(), Integer.MAX_VALUE));
        assertTrue(Files.isRegularFile(out.resolve("00/00.png")));
        assertTrue(Files.isRegularFile(out.resolve("10/10.png")));
        assertTrue(Files.isRegularFile(out.resolve("00/11.png")));
    }

    @Test
    void classNamesBecomeSafeFolderNames() throws IOException {
        Path images = IdxFiles.images(dir.resolve("i.idx"), 2, 2, 2, false);
        Path labels = IdxFiles.labels(dir.resolve("l.idx"), 2, 2, false);
        ExportImages.toFolders(images, labels, dir.resolve("out"), List.of("T-shirt/top", "Bag"), 2);
        assertTrue(Files.isRegularFile(dir.resolve("out/T-shirt-top/0.png")));
        assertTrue(Files.isRegularFile(dir.resolve("out/Bag/1.png")));
    }

    @Test
    void csvExportReadsBackAsTheSamePixels() throws IOException {
        Path images = IdxFiles.images(dir.resolve("i.gz"), 5, 4, 4, true);
        Path labels = IdxFiles.labels(dir.resolve("l.gz"), 5, 3, true);
        Path csv = dir.resolve("x.csv");
        assertEquals(4, ExportImages.toCsv(images, labels, csv, 4));
        Dataset back = Csv.read(csv, CsvOptions.create().divideBy(255).reshape(4, 4, 1));
        Dataset idx = Idx.read(images, labels).take(0, 4);
        assertArrayEquals(idx.x().toArray(), back.x().toArray());
        assertArrayEquals(idx.y().toArray(), back.y().toArray());
    }

    @Test
    void fashionMnistPngFoldersLoadBackAsTheIdxPixels() {
        Path fashion = IdxTest.FASHION;
        Assumptions.assumeTrue(fashion != null, IdxTest.NO_FASHION);
        Path images = fashion.resolve("t10k-images-idx3-ubyte.gz");
        Path labels = fashion.resolve("t10k-labels-idx1-ubyte.gz");
        Path out = dir.resolve("fashion");
        ExportImages.toFolders(images, labels, out, FASHION_CLASSES, FASHION_SAMPLES);

        List<String> folders = FASHION_CLASSES.stream().map(n -> n.replace('/', '-')).toList();
        Dataset back = ImageFolder.read(out, ImageOptions.create().grayscale().classNames(folders.toArray(String[]::new)));
        Tensor x = Idx.images(images, 255, FASHION_SAMPLES);
        double[] y = Idx.labels(labels, FASHION_SAMPLES).toArray();
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < FASHION_CLASSES.size(); c++) {
            for (int i = 0; i < y.length; i++) {
                if (y[i] == c) {
                    order.add(i);
                }
            }
        }
        Dataset expected = Dataset.of(x, Tensor.of(y, y.length)).select(order.stream().mapToInt(Integer::intValue).toArray());
        assertArrayEquals(new int[] {FASHION_SAMPLES, 28, 28, 1}, back.x().shape());
        assertArrayEquals(expected.y().toArray(), back.y().toArray());
        assertArrayEquals(expected.x().toArray(), back.x().toArray());
    }
}
