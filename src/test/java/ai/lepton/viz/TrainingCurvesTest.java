package ai.lepton.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.models.History;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TrainingCurvesTest {
    private static final int EPOCHS = 6;

    @TempDir
    Path dir;

    /** Six epochs of a run that learns: loss falls, accuracy rises, validation trails. */
    static History learningRun() {
        History h = new History();
        for (int e = 0; e < EPOCHS; e++) {
            h.onEpochEnd(e, Map.of("loss", 1.0 / (e + 1), "val_loss", 1.2 / (e + 1) + 0.05,
                    "accuracy", 0.5 + 0.08 * e, "val_accuracy", 0.45 + 0.07 * e));
        }
        return h;
    }

    @Test
    void groupsEachMetricWithItsValidationCounterpartLossFirst() {
        List<Panel> panels = Panel.of(learningRun());
        assertEquals(List.of("loss", "accuracy"), panels.stream().map(Panel::title).toList());
        assertEquals(List.of("loss", "val_loss"), panels.get(0).series().stream().map(Panel.Series::name).toList());
        assertEquals(1.0, panels.get(0).series().get(0).x()[0], "epochs are drawn 1-based, as Keras prints them");
    }

    @Test
    void pngHasOnePlotPerQuantityWithBothColoursDrawn() throws Exception {
        Path file = dir.resolve("curves.png");
        TrainingCurves.of(learningRun()).savePng(file);
        BufferedImage png = ImageIO.read(file.toFile());
        assertEquals(2 * TrainingCurves.PANEL_WIDTH, png.getWidth());
        assertEquals(TrainingCurves.HEIGHT, png.getHeight());
        for (int panel = 0; panel < 2; panel++) {
            int x0 = panel * TrainingCurves.PANEL_WIDTH;
            int train = Pixels.count(png, x0, 0, TrainingCurves.PANEL_WIDTH, png.getHeight(), Palette.TRAIN, 40);
            int validation = Pixels.count(png, x0, 0, TrainingCurves.PANEL_WIDTH, png.getHeight(), Palette.VALIDATION, 40);
            assertTrue(train > 200, "panel " + panel + ": training line pixels " + train);
            assertTrue(validation > 100, "panel " + panel + ": validation line pixels " + validation);
        }
    }

    @Test
    void svgIsWellFormedWithOnePolylinePerSeriesAndOneVertexPerEpoch() throws Exception {
        String svg = TrainingCurves.of(learningRun()).toSvg(400, 300);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals("800", doc.getDocumentElement().getAttribute("width"));
        NodeList lines = doc.getElementsByTagName("polyline");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines.getLength(); i++) {
            Element line = (Element) lines.item(i);
            names.add(line.getAttribute("data-series"));
            assertEquals(EPOCHS, line.getAttribute("points").trim().split("\\s+").length, line.getAttribute("data-series"));
        }
        assertEquals(List.of("loss", "val_loss", "accuracy", "val_accuracy"), names);
        assertTrue(svg.contains(">epoch</text>"), "the x axis is labelled");
    }

    @Test
    void svgLeavesOutPointsThatAreNotFiniteAndEscapesNames() throws Exception {
        History h = new History();
        h.onEpochEnd(0, Map.of("loss", 0.5, "a<b", 1.0));
        h.onEpochEnd(1, Map.of("loss", Double.NaN, "a<b", 2.0));
        String svg = TrainingCurves.of(h).toSvg(300, 300);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList lines = doc.getElementsByTagName("polyline");
        assertEquals(2, lines.getLength());
        assertEquals("loss", ((Element) lines.item(0)).getAttribute("data-series"));
        assertEquals(1, ((Element) lines.item(0)).getAttribute("points").trim().split("\\s+").length);
        assertEquals("a<b", ((Element) lines.item(1)).getAttribute("data-series"));
    }

    @Test
    void rejectsPicturesTooSmallToRead() {
        TrainingCurves curves = TrainingCurves.of(learningRun());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> curves.toImage(50, 400));
        assertTrue(e.getMessage().contains("panelWidth=50"), e.getMessage());
    }
}
