package ai.lepton.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.data.Dataset;
import ai.lepton.models.FitOptions;
import ai.lepton.models.Sequential;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingReportTest {
    private static final Pattern IMAGE = Pattern.compile("<img id=\"(\\w+)\"[^>]* src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">");
    private static final int EPOCHS = 3;

    @TempDir
    Path dir;

    /** Trains the bars model with a report callback; returns the report's file. */
    static Path trainWithReport(Path file) {
        Dataset train = Bars.data(64, 1);
        Dataset test = Bars.data(32, 2);
        Sequential model = Bars.model();
        model.fit(train.x(), train.y(), FitOptions.create().epochs(EPOCHS).batchSize(16).verbose(0)
                .validationData(test.x(), test.y()).callbacks(new TrainingReport(file, test).title("Bars & stripes")));
        return file;
    }

    @Test
    void writesOneSelfContainedPageWithEveryPicture() throws Exception {
        String html = Files.readString(trainWithReport(dir.resolve("out/report.html")));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<h1>Bars &amp; stripes</h1>"), "the title, escaped");
        assertTrue(html.contains("Evaluated on 32 examples"));
        Matcher run = Pattern.compile("<p id=\"run\">([^<]*)</p>").matcher(html);
        assertTrue(run.find(), "the run's settings are stated");
        assertTrue(run.group(1).matches("Trained with Adam\\(learning_rate=0\\.01, (?!.*null).*\\), batch size 16, "
                + "\\d+ epochs of 4 steps, in \\d+\\.\\d s\\."), run.group(1));

        assertEquals(4, count(html, "<polyline class=\"series\""), "loss, val_loss, accuracy, val_accuracy curves");
        Matcher m = IMAGE.matcher(html);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(2))));
            assertNotNull(png, m.group(1) + " is a PNG");
            assertTrue(png.getWidth() > 100 && png.getHeight() > 50, m.group(1) + " size");
        }
        assertEquals(List.of("confusion", "samples", "filters"), ids);
        assertTrue(html.contains("conv2d (Conv2D)"), "the model summary");
    }

    @Test
    void needsNoNetworkAndRunsNoScript() throws Exception {
        String html = Files.readString(trainWithReport(dir.resolve("report.html"))).toLowerCase(Locale.ROOT);
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("url("));
        assertEquals(0, count(html, "src=\"http"));
        assertEquals(0, count(html, "href="));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
