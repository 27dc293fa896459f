package ai.lepton.viz;

import java.util.List;
import java.util.Locale;

/**
 * Writes training curves as SVG: one plot per {@link Panel} side by side, each with a title, a
 * grid, labelled axes, a legend, and exactly one {@code <polyline class="series">} per series
 * (its {@code data-series} attribute names the History key). Points that are not finite (a loss
 * that became NaN) are left out of the line.
 */
final class SvgCurves {
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 56;
    private static final int BOTTOM = 48;
    /** Above this many points a series is drawn as a bare line: markers would hide it and bloat the SVG. */
    private static final int MAX_MARKERS = 60;

    private SvgCurves() {
    }

    /**
     * @param panels the plots, left to right
     * @param panelWidth the width of one plot in pixels
     * @param height the height in pixels
     * @return a standalone SVG document (no XML declaration, so it can also be inlined in HTML)
     */
    static String of(List<Panel> panels, int panelWidth, int height) {
        int width = panelWidth * Math.max(1, panels.size());
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">\n",
                width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, height));
        if (panels.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">"
                    + "nothing to draw yet</text>\n", width / 2, height / 2, Palette.hex(Palette.INK)));
        }
        for (int i = 0; i < panels.size(); i++) {
            panel(svg, panels.get(i), i * panelWidth, panelWidth, height);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, Panel panel, int x0, int width, int height) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Panel.Series s : panel.series()) {
            for (int i = 0; i < s.values().length; i++) {
                if (Double.isFinite(s.values()[i])) {
                    xMin = Math.min(xMin, s.x()[i]);
                    xMax = Math.max(xMax, s.x()[i]);
                    yMin = Math.min(yMin, s.values()[i]);
                    yMax = Math.max(yMax, s.values()[i]);
                }
            }
        }
        if (xMin > xMax) {
            xMin = xMax = 1;
            yMin = yMax = 0;
        }
        // Epoch (or batch) ticks start at the first one rather than at a round number below it.
        Ticks xt = new Ticks(xMin, xMax, Ticks.cover(xMin, Math.max(xMax, xMin + 1), 8, true).step());
        Ticks yt = Ticks.cover(yMin, yMax, 5, false);
        double pad = Math.max(0.25, 0.03 * (xMax - xMin));
        Plot plot = new Plot(x0 + LEFT, TOP, width - LEFT - RIGHT, height - TOP - BOTTOM, xMin - pad, xMax + pad, yt);
        String ink = Palette.hex(Palette.INK);
        String grid = Palette.hex(Palette.GRID);

        svg.append("<g class=\"panel\">\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" "
                + "font-weight=\"bold\" fill=\"%s\">%s</text>\n", plot.left + plot.width / 2, ink, Xml.escape(panel.title())));
        for (double v : yt.values()) {
            double y = plot.y(v);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                    plot.left, y, plot.left + plot.width, y, grid));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"%s\">%s</text>\n",
                    plot.left - 6, y + 4, ink, yt.label(v)));
        }
        for (double v : xt.values()) {
            double x = plot.x(v);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                    x, plot.top, x, plot.top + plot.height, grid));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\">%s</text>\n",
                    x, plot.top + plot.height + 16, ink, xt.label(v)));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                + "stroke=\"%s\"/>\n", plot.left, plot.top, plot.width, plot.height, ink));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">%s</text>\n",
                plot.left + plot.width / 2, height - 10, ink, Xml.escape(panel.xLabel())));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(%d %.1f) rotate(-90)\" text-anchor=\"middle\" "
                + "fill=\"%s\">%s</text>\n", x0 + 14, plot.top + plot.height / 2, ink, Xml.escape(panel.title())));
        for (Panel.Series s : panel.series()) {
            series(svg, s, plot);
        }
        legend(svg, panel.series(), plot);
        svg.append("</g>\n");
    }

    private static void series(StringBuilder svg, Panel.Series s, Plot plot) {
        StringBuilder points = new StringBuilder();
        StringBuilder markers = new StringBuilder();
        String colour = Palette.hex(Palette.of(s.validation()));
        boolean marked = s.values().length <= MAX_MARKERS;
        for (int i = 0; i < s.values().length; i++) {
            if (Double.isFinite(s.values()[i])) {
                double x = plot.x(s.x()[i]);
                double y = plot.y(s.values()[i]);
                points.append(points.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
                if (marked) {
                    markers.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x, y, colour));
                }
            }
        }
        svg.append(String.format(Locale.ROOT, "<polyline class=\"series\" data-series=\"%s\" points=\"%s\" fill=\"none\" "
                + "stroke=\"%s\" stroke-width=\"2\"%s/>\n", Xml.escape(s.name()), points, colour,
                s.validation() ? " stroke-dasharray=\"6 4\"" : ""));
        if (marked) {
            svg.append("<g class=\"markers\">").append(markers).append("</g>\n");
        }
    }

    /** One legend entry per series, in a row between the title and the plot, so it never hides a line. */
    private static void legend(StringBuilder svg, List<Panel.Series> series, Plot plot) {
        double x = plot.left;
        double y = TOP - 14;
        for (Panel.Series s : series) {
            String colour = Palette.hex(Palette.of(s.validation()));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"2\"%s/>\n", x, y - 4, x + 24, y - 4, colour,
                    s.validation() ? " stroke-dasharray=\"6 4\"" : ""));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">%s</text>\n",
                    x + 30, y, Palette.hex(Palette.INK), Xml.escape(s.name())));
            x += 50 + 8 * s.name().length();
        }
    }

    /** Maps data coordinates to pixels inside one plot area. */
    private record Plot(double left, double top, double width, double height, double xLo, double xHi, Ticks yt) {
        double x(double v) {
            return left + (v - xLo) / (xHi - xLo) * width;
        }

        double y(double v) {
            return top + height - (v - yt.lo()) / (yt.hi() - yt.lo()) * height;
        }
    }
}
