package ai.lepton.viz;

import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Layer;
import ai.lepton.models.Model;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The kernels of a convolution layer as small pictures: one tile per filter, its weights mapped
 * from the layer's smallest (black) to its largest (white), so tiles compare with each other. A
 * layer that reads 3 channels shows each filter in colour (red, green and blue weights); any
 * other channel count shows one gray tile per (input channel, filter), a row of filters per channel.
 *
 * <pre>{@code
 * FilterGrid.firstConv(model).savePng(Path.of("target/filters.png"));
 * }</pre>
 */
public final class FilterGrid {
    private static final Font TITLE = Palette.font(14, true);
    private static final Font LABEL = Palette.font(10, false);
    private static final int TITLE_HEIGHT = 34;
    private static final int LABEL_HEIGHT = 14;
    private static final int GAP = 8;
    private static final int PER_ROW = 16;
    private static final int MIN_TILE = 40;

    private final String name;
    private final double[] kernel;
    private final int kh;
    private final int kw;
    private final int in;
    private final int filters;

    private FilterGrid(String name, double[] kernel, int[] shape) {
        this.name = name;
        this.kernel = kernel;
        this.kh = shape[0];
        this.kw = shape[1];
        this.in = shape[2];
        this.filters = shape[3];
    }

    /**
     * @param layer a built convolution layer (its kernel is copied now)
     * @return the picture of its filters
     * @throws IllegalStateException if the layer has no weights yet
     */
    public static FilterGrid of(Conv2D layer) {
        if (!layer.isBuilt()) {
            throw new IllegalStateException("FilterGrid: layer '" + layer.name() + "' is not built yet; "
                    + "give the model an input shape or train it first");
        }
        return new FilterGrid(layer.name(), layer.getWeights().get(0).toArray(), layer.getWeights().get(0).shape());
    }

    /**
     * @param model a built model
     * @return the picture of its first {@link Conv2D} layer's filters
     * @throws IllegalArgumentException if the model has no Conv2D layer
     */
    public static FilterGrid firstConv(Model model) {
        for (Layer layer : model.layers()) {
            if (layer instanceof Conv2D conv) {
                return of(conv);
            }
        }
        throw new IllegalArgumentException("FilterGrid: the model has no Conv2D layer. Its layers: " + model.layers());
    }

    private boolean colour() {
        return in == 3;
    }

    private int scale() {
        return Math.max(1, (int) Math.ceil((double) MIN_TILE / Math.max(kh, kw)));
    }

    /**
     * Where a filter's tile is drawn.
     *
     * @param channel the input channel (0 for a colour picture)
     * @param filter the filter
     * @return the tile's pixels in {@link #toImage()}
     */
    Rectangle tile(int channel, int filter) {
        int tilesPerChannel = (filters + PER_ROW - 1) / PER_ROW;
        int row = (colour() ? 0 : channel * tilesPerChannel) + filter / PER_ROW;
        int column = filter % PER_ROW;
        return new Rectangle(GAP + column * (kw * scale() + GAP),
                TITLE_HEIGHT + row * (kh * scale() + LABEL_HEIGHT + GAP), kw * scale(), kh * scale());
    }

    /** @return the tiles under a title naming the layer and the kernel size */
    public BufferedImage toImage() {
        int channels = colour() ? 1 : in;
        int rows = channels * ((filters + PER_ROW - 1) / PER_ROW);
        String title = String.format(Locale.ROOT, "%s: %d filters of %dx%d%s", name, filters, kh, kw,
                colour() ? " (RGB)" : in > 1 ? ", one row per input channel" : "");
        int width = Math.max(Drawing.width(TITLE, title) + 2 * GAP, GAP + Math.min(filters, PER_ROW) * (kw * scale() + GAP));
        int height = TITLE_HEIGHT + rows * (kh * scale() + LABEL_HEIGHT + GAP);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : kernel) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double span = hi > lo ? hi - lo : 1;
        Graphics2D g = Drawing.canvas(image);
        try {
            g.setFont(TITLE);
            Drawing.centred(g, title, width / 2.0, TITLE_HEIGHT / 2.0);
            g.setFont(LABEL);
            for (int c = 0; c < channels; c++) {
                for (int f = 0; f < filters; f++) {
                    Rectangle r = tile(c, f);
                    g.drawImage(kernelPicture(c, f, lo, span), r.x, r.y, r.width, r.height, null);
                    g.setColor(Palette.INK);
                    Drawing.centred(g, Integer.toString(f), r.getCenterX(),
                            r.y + r.height + LABEL_HEIGHT / 2.0 + 1);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private BufferedImage kernelPicture(int channel, int filter, double lo, double span) {
        BufferedImage img = new BufferedImage(kw, kh, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                int rgb = 0;
                for (int k = 0; k < 3; k++) {
                    int c = colour() ? k : channel;
                    double v = kernel[((y * kw + x) * in + c) * filters + filter];
                    rgb = rgb << 8 | (int) Math.round(255 * (v - lo) / span);
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    /**
     * @param file the PNG to (over)write; missing parent folders are made
     * @throws java.io.UncheckedIOException if it cannot be written
     */
    public void savePng(Path file) {
        Output.png(toImage(), file);
    }
}
