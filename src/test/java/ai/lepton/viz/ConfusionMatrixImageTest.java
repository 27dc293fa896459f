package ai.lepton.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.metrics.ConfusionMatrix;
import ai.lepton.tensor.Tensor;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfusionMatrixImageTest {
    /** Per-channel slack for anti-aliased edges when matching a cell's fill. */
    private static final int FILL_TOLERANCE = 3;

    @TempDir
    Path dir;

    /** Three classes; class 0 is perfect, class 1 is half taken for class 2, class 2 has no examples. */
    private static ConfusionMatrix matrix() {
        Tensor truth = Tensor.of(new double[] {0, 0, 0, 0, 1, 1, 1, 1}, 8);
        Tensor predicted = Tensor.of(new double[] {0, 0, 0, 0, 1, 1, 2, 2}, 8);
        return ConfusionMatrix.of(truth, predicted, 3);
    }

    @Test
    void everyCellIsShadedByItsShareOfTheRowAndHoldsItsCount() throws Exception {
        ConfusionMatrixImage picture = ConfusionMatrixImage.of(matrix(), List.of("cat", "dog", "bird"));
        Path file = dir.resolve("confusion.png");
        picture.savePng(file);
        BufferedImage png = ImageIO.read(file.toFile());
        Rectangle last = picture.cell(2, 2);
        assertTrue(png.getWidth() >= last.x + last.width && png.getHeight() >= last.y + last.height);

        double[][] share = {{1, 0, 0}, {0, 0.5, 0.5}, {0, 0, 0}};
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                Rectangle cell = picture.cell(t, p);
                Color fill = ConfusionMatrixImage.shade(share[t][p]);
                Color corner = new Color(png.getRGB(cell.x + 2, cell.y + 2));
                assertEquals(fill, corner, "cell (" + t + ", " + p + ") fill");
                int text = Pixels.differing(png, cell.x + cell.width / 4, cell.y + cell.height / 4,
                        cell.width / 2, cell.height / 2, fill, FILL_TOLERANCE);
                assertTrue(text > 10, "cell (" + t + ", " + p + ") shows its count: " + text + " text pixels");
            }
        }
    }

    @Test
    void classNamesAreDrawnLeftOfTheRows() {
        ConfusionMatrixImage named = ConfusionMatrixImage.of(matrix(), List.of("cat", "dog", "bird"));
        ConfusionMatrixImage numbered = ConfusionMatrixImage.of(matrix());
        BufferedImage plain = numbered.toImage();
        Rectangle row = numbered.cell(0, 0);
        int ink = Pixels.differing(plain, 0, row.y, row.x - 1, row.height, Color.WHITE, 0);
        assertTrue(ink > 10, "row 0 has a label: " + ink);
        assertTrue(named.cell(0, 0).x > row.x, "longer names widen the left margin");
    }

    @org.junit.jupiter.api.Test
    void aTwoClassMatrixIsDrawnAtAReadableSize() {
        ConfusionMatrix two = ConfusionMatrix.of(ai.lepton.tensor.Tensor.of(new double[] {0, 1, 1}, 3),
                ai.lepton.tensor.Tensor.of(new double[] {0, 1, 0}, 3), 2);
        java.awt.Rectangle cell = ConfusionMatrixImage.of(two).cell(1, 1);
        assertTrue(cell.width >= 120 && cell.height >= 120, "cells of " + cell.width + " px");
    }
}
