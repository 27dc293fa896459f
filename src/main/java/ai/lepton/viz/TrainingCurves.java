package ai.lepton.viz;

import ai.lepton.models.History;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The loss and metric curves of a training run, per epoch: one plot per quantity ({@code loss},
 * {@code accuracy}, ...), training values as a solid blue line and validation values as a dashed
 * orange one. As a PNG (drawn by XChart) or as SVG (written directly, one {@code <polyline>} per
 * series).
 *
 * <pre>{@code
 * History history = model.fit(x, y, FitOptions.create().epochs(10).validationSplit(0.2));
 * TrainingCurves curves = TrainingCurves.of(history);
 * curves.savePng(Path.of("target/curves.png"));
 * curves.saveSvg(Path.of("target/curves.svg"));
 * }</pre>
 */
public final class TrainingCurves {
    /** The default width of one plot, in pixels. */
    public static final int PANEL_WIDTH = 480;
    /** The default height, in pixels. */
    public static final int HEIGHT = 360;

    private final List<Panel> panels;

    private TrainingCurves(List<Panel> panels) {
        this.panels = panels;
    }

    /**
     * @param history what {@code fit} returned (its values are copied now)
     * @return the curves of every key, {@code val_} keys drawn with their training counterpart
     */
    public static TrainingCurves of(History history) {
        return new TrainingCurves(Panel.of(history));
    }

    /** @return the number of plots side by side: one per quantity */
    public int panelCount() {
        return panels.size();
    }

    /**
     * @param panelWidth the width of one plot in pixels, at least 200
     * @param height the height in pixels, at least 200
     * @return the plots side by side, {@code panelWidth * panelCount()} pixels wide
     * @throws IllegalStateException if XChart, an optional dependency, is not on the class path
     */
    public BufferedImage toImage(int panelWidth, int height) {
        requireSize(panelWidth, height);
        try {
            return CurvesPng.of(panels, panelWidth, height);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("TrainingCurves: PNG curves are drawn by XChart, an optional dependency of "
                    + "Lepton; add org.knowm.xchart:xchart to your build, or write SVG with saveSvg (it needs nothing)", e);
        }
    }

    /**
     * Writes a PNG at the default size.
     *
     * @param file the file to (over)write; missing parent folders are made
     * @throws UncheckedIOException if it cannot be written
     * @throws IllegalStateException if XChart, an optional dependency, is not on the class path
     */
    public void savePng(Path file) {
        Output.png(toImage(PANEL_WIDTH, HEIGHT), file);
    }

    /**
     * @param panelWidth the width of one plot in pixels, at least 200
     * @param height the height in pixels, at least 200
     * @return a standalone SVG document that can also be inlined in HTML
     */
    public String toSvg(int panelWidth, int height) {
        requireSize(panelWidth, height);
        return SvgCurves.of(panels, panelWidth, height);
    }

    /**
     * Writes an SVG file at the default size.
     *
     * @param file the file to (over)write; missing parent folders are made
     * @throws UncheckedIOException if it cannot be written
     */
    public void saveSvg(Path file) {
        Output.text(toSvg(PANEL_WIDTH, HEIGHT), file);
    }

    private static void requireSize(int panelWidth, int height) {
        if (panelWidth < 200 || height < 200) {
            throw new IllegalArgumentException("TrainingCurves: a plot needs at least 200x200 pixels. Received: panelWidth="
                    + panelWidth + ", height=" + height);
        }
    }
}
