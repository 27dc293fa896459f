package ai.lepton.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGridTest {
    private static final int N = 5;
    private static final int SIDE = 8;

    @TempDir
    Path dir;

    /** Image i is a flat gray of level i / (N - 1): black, ..., white. */
    private static Tensor images() {
        double[] v = new double[N * SIDE * SIDE];
        for (int i = 0; i < v.length; i++) {
            v[i] = (double) (i / (SIDE * SIDE)) / (N - 1);
        }
        return Tensor.of(v, N, SIDE, SIDE, 1);
    }

    @Test
    void drawsEachImageAndFramesOnlyTheMistakesInRed() throws Exception {
        Tensor labels = Tensor.of(new double[] {0, 1, 2, 1, 0}, N);
        Tensor scores = Tensor.of(new double[] {
            0.9, 0.1, 0.0,
            0.2, 0.7, 0.1,
            0.6, 0.3, 0.1,
            0.1, 0.8, 0.1,
            0.1, 0.1, 0.8}, N, 3);
        SampleGrid grid = SampleGrid.of(images(), labels, scores).classNames(List.of("zero", "one", "two")).columns(3);
        Path file = dir.resolve("samples.png");
        grid.savePng(file);
        BufferedImage png = ImageIO.read(file.toFile());

        for (int i = 0; i < N; i++) {
            Rectangle r = grid.tile(i);
            assertTrue(r.x + r.width <= png.getWidth() && r.y + r.height <= png.getHeight(), "tile " + i + " fits");
            int level = (int) Math.round(255.0 * i / (N - 1));
            Color gray = new Color(level, level, level);
            assertEquals(r.width * r.height, Pixels.count(png, r.x, r.y, r.width, r.height, gray, 1), "image " + i);
            int frame = Pixels.count(png, r.x - 3, r.y - 3, r.width + 6, r.height + 6, Palette.MISTAKE, 30);
            boolean wrong = i == 2 || i == 4;
            assertEquals(wrong, frame > 4 * r.width, "sample " + i + " red frame pixels " + frame);
            int caption = Pixels.differing(png, r.x - 10, r.y + r.height + 2, r.width + 20, 30, Color.WHITE, 0);
            assertTrue(caption > 10, "sample " + i + " has a caption");
        }
        assertTrue(grid.tile(3).y > grid.tile(2).y, "three to a row");
    }

    @Test
    void showsAtMostTheLimit() {
        SampleGrid grid = SampleGrid.of(images(), Tensor.zeros(N), Tensor.zeros(N)).limit(2);
        assertEquals(2, grid.shown());
        assertTrue(grid.toImage().getWidth() < SampleGrid.of(images(), Tensor.zeros(N), Tensor.zeros(N)).toImage().getWidth());
    }

    @Test
    void rejectsInputsThatAreNotImages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleGrid.of(Tensor.zeros(N, 64), Tensor.zeros(N), Tensor.zeros(N)));
        assertTrue(e.getMessage().contains("Received: (5, 64)"), e.getMessage());
    }
}
