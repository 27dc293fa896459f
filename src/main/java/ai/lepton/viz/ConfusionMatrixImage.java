package ai.lepton.viz;

import ai.lepton.metrics.ConfusionMatrix;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A confusion matrix as a picture: one cell per (true class, predicted class) pair holding its
 * count, shaded by the fraction of the true class's examples that it holds (so each row reads as
 * "where this class went"), class names on both axes.
 *
 * <pre>{@code
 * ConfusionMatrix cm = ConfusionMatrix.of(test.y(), model.predict(test.x()), test.numClasses());
 * ConfusionMatrixImage.of(cm, test.classNames()).savePng(Path.of("target/confusion.png"));
 * }</pre>
 */
public final class ConfusionMatrixImage {
    private static final Font TEXT = Palette.font(12, false);
    private static final Font TITLE = Palette.font(15, true);
    private static final Color EMPTY = new Color(247, 251, 255);
    private static final Color FULL = new Color(8, 48, 107);
    private static final int MARGIN = 16;
    private static final int TITLE_HEIGHT = 40;
    private static final int AXIS_TITLE = 28;
    /** The least width and height of the matrix itself, in pixels. */
    private static final int MIN_MATRIX_SIDE = 240;

    private final int[][] counts;
    private final double accuracy;
    private final int total;
    private final List<String> names;
    private final int cell;
    private final int left;
    private final boolean slanted;
    private final int labelHeight;

    private ConfusionMatrixImage(ConfusionMatrix matrix, List<String> names) {
        this.counts = matrix.counts();
        this.accuracy = matrix.accuracy();
        this.total = matrix.total();
        this.names = names;
        int widestCount = 0;
        for (int[] row : counts) {
            for (int c : row) {
                widestCount = Math.max(widestCount, Drawing.width(TEXT, Integer.toString(c)));
            }
        }
        int widestName = names.stream().mapToInt(n -> Drawing.width(TEXT, n)).max().orElse(0);
        // Small matrices get larger cells, so that a 2-class matrix is as readable as a 10-class one.
        this.cell = Math.max(Math.max(40, MIN_MATRIX_SIDE / Math.max(1, counts.length)), widestCount + 12);
        this.left = MARGIN + AXIS_TITLE + widestName + 8;
        this.slanted = widestName > cell - 4;
        this.labelHeight = slanted ? (int) Math.ceil(widestName * Math.sqrt(0.5)) + 20 : 22;
    }

    /**
     * @param matrix the counts
     * @return the picture with the classes named by their index
     */
    public static ConfusionMatrixImage of(ConfusionMatrix matrix) {
        return of(matrix, List.of());
    }

    /**
     * @param matrix the counts
     * @param classNames the name of class {@code i} at index {@code i}, e.g. a dataset's
     *        {@code classNames()}; if it does not name every class, indices are shown instead
     * @return the picture
     */
    public static ConfusionMatrixImage of(ConfusionMatrix matrix, List<String> classNames) {
        return new ConfusionMatrixImage(matrix, Classes.names(classNames, matrix.numClasses()));
    }

    /**
     * Where a cell is drawn.
     *
     * @param trueClass the row
     * @param predictedClass the column
     * @return the cell's pixels in {@link #toImage()}
     */
    Rectangle cell(int trueClass, int predictedClass) {
        return new Rectangle(left + predictedClass * cell, TITLE_HEIGHT + trueClass * cell, cell, cell);
    }

    /** @return the shade of a cell holding {@code fraction} of its row */
    static Color shade(double fraction) {
        return new Color(mix(EMPTY.getRed(), FULL.getRed(), fraction), mix(EMPTY.getGreen(), FULL.getGreen(), fraction),
                mix(EMPTY.getBlue(), FULL.getBlue(), fraction));
    }

    private static int mix(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * t);
    }

    /** @return the picture: title, matrix, class names, axis titles */
    public BufferedImage toImage() {
        int k = counts.length;
        String title = String.format(Locale.ROOT, "Confusion matrix: %.1f%% of %d right", 100 * accuracy, total);
        int width = Math.max(left + k * cell + MARGIN, Drawing.width(TITLE, title) + 2 * MARGIN);
        int height = TITLE_HEIGHT + k * cell + labelHeight + AXIS_TITLE + MARGIN / 2;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Drawing.canvas(image);
        try {
            g.setFont(TITLE);
            Drawing.centred(g, title, width / 2.0, TITLE_HEIGHT / 2.0);
            g.setFont(TEXT);
            for (int t = 0; t < k; t++) {
                int rowTotal = 0;
                for (int c : counts[t]) {
                    rowTotal += c;
                }
                for (int p = 0; p < k; p++) {
                    double fraction = rowTotal == 0 ? 0 : (double) counts[t][p] / rowTotal;
                    Rectangle r = cell(t, p);
                    g.setColor(shade(fraction));
                    g.fill(r);
                    g.setColor(fraction > 0.5 ? Color.WHITE : Palette.INK);
                    Drawing.centred(g, Integer.toString(counts[t][p]), r.getCenterX(), r.getCenterY());
                }
                Rectangle row = cell(t, 0);
                g.setColor(Palette.INK);
                g.drawString(names.get(t), row.x - 6 - g.getFontMetrics().stringWidth(names.get(t)),
                        (float) (row.getCenterY() + 4));
            }
            g.setColor(Palette.GRID);
            g.drawRect(left, TITLE_HEIGHT, k * cell, k * cell);
            g.setColor(Palette.INK);
            int labelTop = TITLE_HEIGHT + k * cell + 6;
            for (int p = 0; p < k; p++) {
                columnLabel(g, names.get(p), cell(0, p).getCenterX(), labelTop);
            }
            Drawing.centred(g, "predicted class", left + k * cell / 2.0, labelTop + labelHeight + AXIS_TITLE / 2.0 - 6);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2, MARGIN + AXIS_TITLE / 2.0, TITLE_HEIGHT + k * cell / 2.0);
            Drawing.centred(g, "true class", MARGIN + AXIS_TITLE / 2.0, TITLE_HEIGHT + k * cell / 2.0);
            g.setTransform(saved);
        } finally {
            g.dispose();
        }
        return image;
    }

    private void columnLabel(Graphics2D g, String name, double cx, int top) {
        if (!slanted) {
            Drawing.centred(g, name, cx, top + 8);
            return;
        }
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 4, cx, top + 6);
        g.drawString(name, (float) (cx - g.getFontMetrics().stringWidth(name)), top + 10);
        g.setTransform(saved);
    }

    /**
     * @param file the PNG to (over)write; missing parent folders are made
     * @throws java.io.UncheckedIOException if it cannot be written
     */
    public void savePng(Path file) {
        Output.png(toImage(), file);
    }
}
