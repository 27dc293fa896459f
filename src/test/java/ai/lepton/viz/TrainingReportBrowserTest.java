package ai.lepton.viz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens a written report in headless Chromium and checks that its pictures render. */
class TrainingReportBrowserTest {
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 3000;
    /** Channel slack for anti-aliased lines. */
    private static final int TOLERANCE = 40;

    @TempDir
    Path dir;

    @Test
    void theCurvesAndThePngPicturesRender() {
        Chromium.assumeInstalled();
        Path report = TrainingReportTest.trainWithReport(dir.resolve("report.html"));
        BufferedImage shot = Chromium.screenshot(report.toUri(), WIDTH, HEIGHT);

        int train = Pixels.count(shot, 0, 0, WIDTH, HEIGHT, Palette.TRAIN, TOLERANCE);
        int validation = Pixels.count(shot, 0, 0, WIDTH, HEIGHT, Palette.VALIDATION, TOLERANCE);
        assertTrue(train > 300, "training curves (inline SVG) drawn: " + train + " blue pixels");
        assertTrue(validation > 150, "validation curves drawn: " + validation + " orange pixels");
        // The page itself has no black: near-black pixels come from the decoded sample and filter PNGs.
        int black = Pixels.count(shot, 0, 0, WIDTH, HEIGHT, Color.BLACK, 30);
        assertTrue(black > 2000, "the base64 PNGs decoded: " + black + " near-black pixels");
    }
}
