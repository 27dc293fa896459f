package ai.lepton.viz;

import ai.lepton.metrics.ConfusionMatrix;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Sample images in a grid, each with the predicted class below it; a wrong prediction is framed
 * and written in red, with the true class under it.
 *
 * <pre>{@code
 * Tensor probabilities = model.predict(test.x());
 * SampleGrid.of(test.x(), test.y(), probabilities)
 *         .classNames(test.classNames())
 *         .limit(32).columns(8)
 *         .savePng(Path.of("target/samples.png"));
 * }</pre>
 */
public final class SampleGrid {
    private static final Font CAPTION = Palette.font(11, false);
    private static final Font TITLE = Palette.font(14, true);
    private static final int TITLE_HEIGHT = 34;
    private static final int CAPTION_HEIGHT = 34;
    private static final int GAP = 10;
    private static final int MIN_TILE = 96;
    private static final int MIN_IMAGE = 64;

    private final double[] pixels;
    private final int height;
    private final int width;
    private final int channels;
    private final int[] truth;
    private final int[] predicted;
    private List<String> classNames = List.of();
    private int columns = 8;
    private int limit = 32;

    private SampleGrid(double[] pixels, int[] shape, int[] truth, int[] predicted) {
        this.pixels = pixels;
        this.height = shape[1];
        this.width = shape[2];
        this.channels = shape[3];
        this.truth = truth;
        this.predicted = predicted;
    }

    /**
     * @param images {@code (n, h, w, c)} with {@code c} 1 (gray) or 3 (RGB); shown with their
     *        smallest value black and largest white (not modified)
     * @param labels the true classes: {@code (n,)} indices or {@code (n, k)} one-hot rows (not modified)
     * @param predictions the model's output {@code (n, k)}, or {@code (n,)} class indices (not modified)
     * @return the grid, showing the first 32 samples 8 to a row
     * @throws IllegalArgumentException if the shapes are not images and labels for the same samples
     */
    public static SampleGrid of(Tensor images, Tensor labels, Tensor predictions) {
        int[] s = images.shape();
        if (s.length != 4 || (s[3] != 1 && s[3] != 3)) {
            throw new IllegalArgumentException("SampleGrid: images must be (n, h, w, 1) or (n, h, w, 3). Received: "
                    + Shapes.format(s));
        }
        int classes = Classes.count(predictions);
        int[] truth = ConfusionMatrix.classIndices("labels", labels, classes);
        int[] predicted = ConfusionMatrix.classIndices("predictions", predictions, classes);
        if (truth.length != s[0] || predicted.length != s[0]) {
            throw new IllegalArgumentException("SampleGrid: " + s[0] + " images, " + truth.length + " labels and "
                    + predicted.length + " predictions; they must match");
        }
        return new SampleGrid(images.toArray(), s, truth, predicted);
    }

    /**
     * @param names the name of class {@code i} at index {@code i}; indices are shown if empty
     * @return this grid
     */
    public SampleGrid classNames(List<String> names) {
        classNames = List.copyOf(names);
        return this;
    }

    /**
     * @param n images per row, at least 1 (default 8)
     * @return this grid
     */
    public SampleGrid columns(int n) {
        columns = positive("columns", n);
        return this;
    }

    /**
     * @param n the most samples to show, at least 1 (default 32): the first {@code n}
     * @return this grid
     */
    public SampleGrid limit(int n) {
        limit = positive("limit", n);
        return this;
    }

    /** @return how many samples the picture shows */
    int shown() {
        return Math.min(limit, truth.length);
    }

    private int scale() {
        return Math.max(1, (int) Math.ceil((double) MIN_IMAGE / Math.max(height, width)));
    }

    private int tileWidth() {
        return Math.max(MIN_TILE, width * scale());
    }

    /**
     * Where sample {@code i}'s image is drawn.
     *
     * @param i the sample, below {@link #shown()}
     * @return the image's pixels in {@link #toImage()}
     */
    Rectangle tile(int i) {
        int cols = Math.min(columns, shown());
        int x = GAP + (i % cols) * (tileWidth() + GAP);
        int y = TITLE_HEIGHT + (i / cols) * (height * scale() + CAPTION_HEIGHT + GAP);
        return new Rectangle(x + (tileWidth() - width * scale()) / 2, y, width * scale(), height * scale());
    }

    /** @return the grid: a title counting the mistakes, then each image with its caption */
    public BufferedImage toImage() {
        int n = shown();
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int mistakes = 0;
        for (int i = 0; i < n; i++) {
            mistakes += truth[i] == predicted[i] ? 0 : 1;
        }
        String title = String.format(Locale.ROOT, "%d samples, %d predicted wrong (in red, true class below)", n, mistakes);
        int w = Math.max(GAP + cols * (tileWidth() + GAP), Drawing.width(TITLE, title) + 2 * GAP);
        int h = TITLE_HEIGHT + rows * (height * scale() + CAPTION_HEIGHT + GAP);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        List<String> names = Classes.names(classNames, 1 + Math.max(max(truth), max(predicted)));
        Graphics2D g = Drawing.canvas(image);
        try {
            g.setFont(TITLE);
            Drawing.centred(g, title, w / 2.0, TITLE_HEIGHT / 2.0);
            g.setFont(CAPTION);
            double[] range = range(n);
            for (int i = 0; i < n; i++) {
                Rectangle r = tile(i);
                g.drawImage(picture(i, range), r.x, r.y, r.width, r.height, null);
                boolean wrong = truth[i] != predicted[i];
                double cx = r.getCenterX();
                int below = r.y + r.height;
                g.setColor(wrong ? Palette.MISTAKE : Palette.INK);
                Drawing.centred(g, Drawing.fit(g, names.get(predicted[i]), tileWidth()), cx, below + 9);
                if (wrong) {
                    g.setStroke(new BasicStroke(3));
                    g.drawRect(r.x - 2, r.y - 2, r.width + 3, r.height + 3);
                    g.setColor(Palette.INK);
                    Drawing.centred(g, Drawing.fit(g, "true: " + names.get(truth[i]), tileWidth()), cx, below + 24);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * @param file the PNG to (over)write; missing parent folders are made
     * @throws java.io.UncheckedIOException if it cannot be written
     */
    public void savePng(Path file) {
        Output.png(toImage(), file);
    }

    /** The smallest and largest pixel value of the first {@code n} images. */
    private double[] range(int n) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n * height * width * channels; i++) {
            lo = Math.min(lo, pixels[i]);
            hi = Math.max(hi, pixels[i]);
        }
        return new double[] {lo, hi > lo ? hi : lo + 1};
    }

    private BufferedImage picture(int i, double[] range) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int base = i * height * width * channels;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = base + (y * width + x) * channels;
                int r = level(pixels[at], range);
                int rgb = channels == 1 ? r << 16 | r << 8 | r
                        : r << 16 | level(pixels[at + 1], range) << 8 | level(pixels[at + 2], range);
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    private static int level(double v, double[] range) {
        double t = (v - range[0]) / (range[1] - range[0]);
        return (int) Math.round(255 * Math.max(0, Math.min(1, t)));
    }

    private static int max(int[] values) {
        int m = 0;
        for (int v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static int positive(String name, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("SampleGrid: " + name + " must be at least 1. Received: " + name + "=" + n);
        }
        return n;
    }
}
