package ai.lepton.viz;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.Color;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws training curves with XChart, one chart per {@link Panel} side by side in one image. The
 * only class that touches XChart, so the rest of Lepton loads without it.
 */
final class CurvesPng {
    private CurvesPng() {
    }

    /**
     * @param panels the plots, left to right
     * @param panelWidth the width of one plot in pixels
     * @param height the height in pixels
     * @return an RGB image
     */
    static BufferedImage of(List<Panel> panels, int panelWidth, int height) {
        BufferedImage image = new BufferedImage(panelWidth * Math.max(1, panels.size()), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), height);
            for (int i = 0; i < panels.size(); i++) {
                Graphics2D panelGraphics = (Graphics2D) g.create(i * panelWidth, 0, panelWidth, height);
                try {
                    chart(panels.get(i), panelWidth, height).paint(panelGraphics, panelWidth, height);
                } finally {
                    panelGraphics.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static XYChart chart(Panel panel, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(panel.title()).xAxisTitle(panel.xLabel()).yAxisTitle(panel.title()).build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setChartTitleFont(Palette.font(15, true));
        styler.setChartTitleBoxVisible(false);
        styler.setAxisTitleFont(Palette.font(12, false));
        styler.setAxisTickLabelsFont(Palette.font(11, false));
        styler.setLegendFont(Palette.font(12, false));
        styler.setChartFontColor(Palette.INK);
        styler.setAxisTickLabelsColor(Palette.INK);
        styler.setPlotGridLinesColor(Palette.GRID);
        styler.setXAxisDecimalPattern("0");
        styler.setXAxisMin(1.0);
        for (Panel.Series s : panel.series()) {
            double[] x = finite(s, true);
            double[] y = finite(s, false);
            if (x.length == 0) {
                continue;
            }
            XYSeries line = chart.addSeries(s.name(), x, y);
            line.setLineColor(Palette.of(s.validation()));
            line.setMarkerColor(Palette.of(s.validation()));
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setLineStyle(s.validation() ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
        }
        return chart;
    }

    /** The x values ({@code xs} true) or values of the points whose value is finite. */
    private static double[] finite(Panel.Series s, boolean xs) {
        return IntStream.range(0, s.values().length)
                .filter(i -> Double.isFinite(s.values()[i]))
                .mapToDouble(i -> xs ? s.x()[i] : s.values()[i])
                .toArray();
    }
}
